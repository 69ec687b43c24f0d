/**
 * What suites need to test with the notifications worker: the worker alone
 * on the shared harness (shared/testing/worker_harness.ts), with a mailer
 * that keeps what it sends (or fails on demand) and a fake auth worker that
 * lists the admins (or is unreachable).
 *
 * @module
 */
import { eq, sql } from "drizzle-orm";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { StoresConfig } from "../../shared/runtime/stores.ts";
import {
  openWorkerHarness,
  type WorkerHarness,
  workerTest,
} from "../../shared/testing/worker_harness.ts";
import type { Email, Mailer } from "./mailer.ts";
import { createLogger } from "../../shared/logging/logger.ts";
import { createExpoPush } from "./expo_push.ts";
import { type ExpoRecorder, startExpoRecorder } from "./expo_recorder.ts";
import type { PushSender } from "./push.ts";
import { createNotificationsWorker } from "./mod.ts";
import { inbox, preferences, processedMessages } from "./tables.ts";

export type { NotificationBody, PreferencesBody } from "./schema.ts";
export type { Page } from "../../shared/http/paging.ts";
export { deviceNotRegisteredReceipt, startExpoRecorder } from "./expo_recorder.ts";
export type { ExpoRecorder } from "./expo_recorder.ts";
export { createExpoPush } from "./expo_push.ts";

/** Noon in UTC, 21:00 in Tokyo. */
export const startedAt = new Date("2026-03-01T12:00:00.000Z");

/** The worker alone and its surroundings. */
export interface Fixture extends WorkerHarness<ReturnType<typeof createNotificationsWorker>> {
  /** Rows `userId` has in each `notifications.*` table. */
  rowCounts(userId: string): Promise<{ inbox: number; preferences: number }>;
  /** Events processed so far (all users). */
  processedCount(): Promise<number>;
  /** What the test mailer sent (empty with a mailer of your own). */
  emails: Email[];
  /** Makes the test mailer reject (true) or accept (false). */
  failMail(failing: boolean): void;
  /** Who the fake auth worker lists as admins (none at first); `null`: auth is unreachable. */
  setAdmins(ids: string[] | null): void;
  /** How many times the worker asked auth for the admins. */
  adminLookups(): number;
}

/**
 * The notifications worker on `stores`; `mailer` replaces the test mailer
 * (e.g. a real SMTP one); `push` sends pushes (none without).
 */
export async function openNotifications(
  stores: StoresConfig,
  options: { mailer?: Mailer; push?: PushSender } = {},
): Promise<Fixture> {
  const emails: Email[] = [];
  let mailFails = false;
  const testMailer: Mailer = {
    send(email) {
      if (mailFails) return Promise.reject(new Error("SMTP 451: try again later"));
      emails.push(email);
      return Promise.resolve();
    },
  };

  let admins: string[] | null = [];
  let adminLookups = 0;
  const auth: ServiceBinding = {
    fetch(request) {
      const { pathname } = new URL(request.url);
      if (request.method !== "GET" || pathname !== "/internal/auth/admins") {
        return Promise.resolve(new Response(null, { status: 404 }));
      }
      adminLookups++;
      if (admins === null) return Promise.reject(new TypeError("auth: connection refused"));
      return Promise.resolve(Response.json({ items: admins }));
    },
  };

  const harness = await openWorkerHarness({
    name: "notifications",
    stores,
    startAt: startedAt,
    create: (deps) =>
      createNotificationsWorker({
        ...deps,
        mailer: options.mailer ?? testMailer,
        push: options.push,
        auth,
      }),
  });
  const db = harness.stores.postgres.db;
  return Object.assign(harness, {
    async rowCounts(userId: string) {
      const [inboxRows] = await db.select({ n: sql<number>`count(*)::int` }).from(inbox)
        .where(eq(inbox.userId, userId));
      const [preferenceRows] = await db.select({ n: sql<number>`count(*)::int` })
        .from(preferences).where(eq(preferences.userId, userId));
      return { inbox: inboxRows.n, preferences: preferenceRows.n };
    },
    async processedCount() {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(processedMessages);
      return row.n;
    },
    emails,
    failMail(failing: boolean) {
      mailFails = failing;
    },
    setAdmins(ids: string[] | null) {
      admins = ids;
    },
    adminLookups: () => adminLookups,
  });
}

/** Registers `suite` on the embedded stores, and on the production adapters when configured. */
export function notificationsTest(
  name: string,
  suite: (t: Deno.TestContext, fixture: Fixture) => Promise<void>,
): void {
  workerTest(name, (stores) => openNotifications(stores), suite);
}

/** The worker with pushes going to a recording stand-in for Expo (`fixture.expo`). */
export type PushFixture = Fixture & { expo: ExpoRecorder };

/** Registers `suite` like `notificationsTest`, with pushes sent to a recorder. */
export function pushTest(
  name: string,
  suite: (t: Deno.TestContext, fixture: PushFixture) => Promise<void>,
): void {
  workerTest(name, async (stores) => {
    const expo = startExpoRecorder();
    const push = createExpoPush({ baseUrl: expo.baseUrl, log: createLogger({ level: "silent" }) });
    const fixture = await openNotifications(stores, { push });
    const close = fixture.close.bind(fixture);
    return Object.assign(fixture, {
      expo,
      async close() {
        await close();
        await expo.close();
      },
    });
  }, suite);
}

/** Request options with a bearer token and, when given, a JSON body. */
export function send(method: string, token: string, body?: unknown): RequestInit {
  return {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** Request options with a bearer token. */
export function bearer(token: string): RequestInit {
  return { headers: { authorization: `Bearer ${token}` } };
}

/** A `UserRegistered` payload for `userId`. */
export function registered(userId: string, displayName = `Member ${userId}`) {
  return {
    userId,
    email: `${userId}@example.com`,
    displayName,
    registeredAt: startedAt.toISOString(),
  };
}
