/**
 * The reference `POST /v1/sessions` is measured against: a bare Hono route
 * that stores a session the plainest way drizzle and PGlite allow, with
 * none of the platform around it (no gateway, token, validation, records
 * logic, metrics, relay or consumers). It does the same writes, in one
 * transaction, on the same tables (the workouts worker's own migrations, in
 * a PGlite of its own kept in a directory, as the platform keeps its own):
 * the session row with a fresh client id, the member's bests (an upsert that
 * changes nothing once they are set, as a repeated session's does), and the
 * `SessionLogged` outbox row.
 *
 * Usage: `deno run -A tools/bench/sessions_reference_server.ts --port 8002 --data-dir DIR`
 * (a temporary directory when none is given, removed on exit).
 *
 * @module
 */
import { Hono } from "hono";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openPglite } from "../../shared/stores/postgres/pglite.ts";
import { migrate } from "../../shared/stores/postgres/migrate.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  type LoggedEntry,
  outbox,
  personalBests,
  sessionBests,
  sessions,
  sessionVolume,
} from "../../workers/workouts/testing.ts";

/** What the route reads of the body the bench scenario sends. */
interface SessionBody {
  startedAt: string;
  endedAt?: string;
  entries: LoggedEntry[];
}

/** `POST /v1/sessions`: the writes of logging a session over `db`, and nothing else. */
export function createSessionsReferenceApp(db: Database): Hono {
  const userId = crypto.randomUUID();
  return new Hono()
    .get("/", (c) => c.json({ ok: true }))
    .post("/v1/sessions", async (c) => {
      const body = await c.req.json<SessionBody>();
      const id = crypto.randomUUID();
      const startedAt = new Date(body.startedAt);
      // The same rows the platform writes: its pure functions name them.
      const volumeKg = sessionVolume(body.entries);
      const bests = sessionBests(body.entries);
      const exerciseIds = [...new Set(body.entries.map((entry) => entry.exerciseId))];
      const session = await db.transaction(async (tx) => {
        const [row] = await tx.insert(sessions).values({
          id,
          userId,
          clientId: id,
          workoutId: null,
          startedAt,
          endedAt: body.endedAt ? new Date(body.endedAt) : null,
          notes: "",
          entries: body.entries,
          volumeKg,
          personalRecords: [],
        }).returning();
        await tx.insert(personalBests)
          .values(bests.map((best) => ({ userId, ...best, sessionId: id, achievedAt: startedAt })))
          .onConflictDoUpdate({
            target: [personalBests.userId, personalBests.exerciseId, personalBests.kind],
            set: {
              value: sql`excluded.value`,
              sessionId: sql`excluded.session_id`,
              achievedAt: sql`excluded.achieved_at`,
            },
            setWhere: sql`${personalBests.value} < excluded.value`,
          });
        await tx.insert(outbox).values({
          id: crypto.randomUUID(),
          type: "SessionLogged",
          payload: {
            sessionId: id,
            userId,
            clientId: id,
            volumeKg,
            personalRecords: [],
            exerciseIds,
          },
        });
        return row;
      });
      return c.json(session, 201);
    });
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { port: { type: "string" }, "data-dir": { type: "string" } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0) {
    console.error("Cannot start the sessions reference: --port must be a positive whole number");
    Deno.exit(2);
  }
  const dataDir = values["data-dir"] ??
    await Deno.makeTempDir({ prefix: "fitconnect-sessions-reference-" });
  const store = await openPglite({ dataDir });
  await migrate(store.db, { worker: "workouts" });
  const server = Deno.serve({
    port,
    hostname: "127.0.0.1",
    onListen: ({ hostname, port }) =>
      console.log(`sessions reference listening on http://${hostname}:${port}`),
  }, createSessionsReferenceApp(store.db).fetch);
  const stop = async () => {
    await server.shutdown();
    await store.close();
    if (!values["data-dir"]) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
}
