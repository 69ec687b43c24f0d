/**
 * Logging a session from an edge worker far from its database costs what its
 * round trips cost, so their number is asserted, on the production adapters:
 * the workouts worker alone (no relay polling its outbox meanwhile) on the
 * Neon driver, through a proxy of its own (tools/neon_ws_proxy.ts) to the real
 * PostgreSQL, counting the WebSocket messages the driver sends (`/stats`):
 * each is one round trip it waits on. Issue 16's budget is two; it takes one:
 * a single statement checks the exercises against the catalog and stores the
 * session, the bests and the outbox row.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createScratchDatabase } from "../shared/testing/scratch_database.ts";
import { needsService, testServices } from "../shared/testing/services.ts";
import { freePort } from "../shared/testing/ports.ts";
import { openWorkerHarness } from "../shared/testing/worker_harness.ts";
import { startTool } from "./support/tool_process.ts";
import { createWorkoutsWorker } from "../workers/workouts/mod.ts";

const { databaseUrl } = testServices();

Deno.test(
  needsService(
    "[workouts] logging a session makes 1 database round trip (production adapters)",
    databaseUrl !== undefined,
    "DATABASE_URL",
  ),
  async (t) => {
    const proxy = await startTool("neon_ws_proxy.ts", freePort());
    const wsProxy = `127.0.0.1:${proxy.port}`;
    const messagesToServer = async () => {
      const response = await fetch(`http://${wsProxy}/stats`);
      return (await response.json() as { messagesToServer: number }).messagesToServer;
    };
    try {
      const scratch = await createScratchDatabase(databaseUrl!, wsProxy);
      try {
        const harness = await openWorkerHarness({
          name: "workouts",
          stores: { DATABASE_URL: scratch.url, NEON_WS_PROXY: wsProxy },
          create: (deps) => createWorkoutsWorker(deps),
        });
        try {
          const token = await harness.token(crypto.randomUUID());
          const set = { reps: 5, weightKg: 100 };
          const log = (clientId: string, weightKg = 100) =>
            harness.request("/v1/sessions", {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({
                clientId,
                startedAt: "2026-11-27T07:00:00Z",
                entries: ["barbell-back-squat", "barbell-bench-press"].map((exerciseId) => ({
                  exerciseId,
                  sets: [set, { ...set, weightKg }],
                })),
              }),
            });
          /** The round trips of one request, once the pool holds an open connection. */
          const roundTrips = async (request: () => Promise<Response>, status: number) => {
            const before = await messagesToServer();
            const response = await request();
            await response.body?.cancel();
            assert.equal(response.status, status);
            return await messagesToServer() - before;
          };
          // Opens the pool's connection (its start-up messages are not a request's) and
          // sets the baselines.
          assert.equal((await log(crypto.randomUUID())).status, 201);

          await t.step("a new session: 1", async () => {
            assert.equal(await roundTrips(() => log(crypto.randomUUID()), 201), 1);
          });
          await t.step("a session that breaks records: still 1", async () => {
            const clientId = crypto.randomUUID();
            assert.equal(await roundTrips(() => log(clientId, 120), 201), 1);
            const { personalRecords } = await (await log(clientId)).json();
            assert.ok(personalRecords.length > 0, "the session broke records");
          });
          await t.step("an offline retry: 1, answering the original", async () => {
            const clientId = crypto.randomUUID();
            assert.equal((await log(clientId)).status, 201);
            assert.equal(await roundTrips(() => log(clientId), 200), 1);
          });
        } finally {
          await harness.close();
        }
      } finally {
        await scratch.drop();
      }
    } finally {
      await proxy.stop();
    }
  },
);
