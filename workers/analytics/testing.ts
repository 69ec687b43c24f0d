/**
 * The analytics worker on real stores for the suites in tests/analytics_*:
 * a real token verifier over a tiny in-process JWKS app, and deliveries
 * signed exactly as the Deno KV queue signs them.
 *
 * @module
 */
import type { SQL } from "drizzle-orm";
import type { Role } from "../../shared/auth/claims.ts";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { createDeliveryVerifier } from "../../shared/queue/signature.ts";
import { embeddedDeliveryUrl } from "../../shared/queue/deno_kv_queue.ts";
import { revocationsNamespace } from "../../shared/runtime/authentication.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import { openPlatformStores } from "../../shared/runtime/stores.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { createTestAuth } from "../../shared/testing/test_auth.ts";
import { signedDelivery, type TestEvent } from "../../shared/testing/test_deliveries.ts";
import { createAnalyticsWorker } from "./mod.ts";
import { selectRows } from "./sql_rows.ts";

/** The suites' "now": a Tuesday, midday UTC. */
export const fixtureNow = new Date("2026-03-10T12:00:00.000Z");

/** An event as it travels. */
export type DeliveredEvent = TestEvent;

/** The worker and its helpers. */
export interface AnalyticsFixture {
  /** A request to the worker, as the gateway would send it. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A request with `token` as bearer and `body` as JSON. */
  call(method: string, path: string, token: string, body?: unknown): Promise<Response>;
  /** An access token of `sub`, signed by the fake auth worker's key. */
  token(sub: string, role?: Role): Promise<string>;
  /** Delivers `event` to `POST /queue/deliveries` as the queue does. */
  deliver(event: DeliveredEvent, options?: { signingKey?: string }): Promise<Response>;
  /** Rows of a raw query. */
  rows<T>(query: SQL): Promise<T[]>;
  db: Database;
  setNow(date: Date): void;
}

/** Registers `suite` on every store variant, with a fresh fixture. */
export function analyticsTest(
  name: string,
  suite: (t: Deno.TestContext, fx: AnalyticsFixture) => Promise<void>,
): void {
  storeVariantTest(name, async (t, config) => {
    const log = createLogger({ level: "debug", sink: memorySink() });
    const stores = await openPlatformStores(config, log);
    try {
      const internalSecret = randomSecret();
      const signingKey = randomSecret();
      let current = fixtureNow;
      const now = () => current;
      const auth = await createTestAuth({
        kv: stores.kvFor(revocationsNamespace),
        internalSecret,
        now,
      });
      const url = embeddedDeliveryUrl("analytics");
      const app = createAnalyticsWorker({
        log,
        internalSecret,
        postgres: stores.postgres,
        kv: stores.kvFor("analytics"),
        revocations: auth.revocations,
        verifier: auth.verifier,
        deliveries: createDeliveryVerifier({
          currentSigningKey: signingKey,
          nextSigningKey: signingKey,
          url,
        }),
        now,
      });
      const request = async (path: string, init?: RequestInit) =>
        await app.fetch(new Request(new URL(path, "http://analytics.internal"), init));

      await suite(t, {
        request,
        call: (method, path, token, body) =>
          request(path, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        token: (sub, role) => auth.token(sub, role),
        async deliver(event, options = {}) {
          return await app.fetch(
            await signedDelivery("analytics", event, {
              signingKey: options.signingKey ?? signingKey,
              now,
            }),
          );
        },
        rows: (query) => selectRows(stores.postgres.db, query),
        db: stores.postgres.db,
        setNow(date) {
          current = date;
        },
      });
    } finally {
      await stores.close();
    }
  });
}

/** A `SessionLogged` payload with defaults. */
export function sessionLogged(
  userId: string,
  sessionId: string,
  startedAt: string,
  more: { volumeKg?: number; exerciseIds?: string[]; personalRecords?: unknown[] } = {},
) {
  return {
    type: "SessionLogged",
    payload: {
      sessionId,
      userId,
      clientId: `client-${sessionId}`,
      startedAt,
      endedAt: null,
      volumeKg: more.volumeKg ?? 0,
      personalRecords: more.personalRecords ?? [],
      exerciseIds: more.exerciseIds ?? ["barbell-back-squat"],
    },
  };
}

/** A `UserRegistered` payload. */
export function userRegistered(userId: string, registeredAt: string) {
  return {
    type: "UserRegistered",
    payload: {
      userId,
      email: `${userId}@example.com`,
      displayName: `Member ${userId}`,
      registeredAt,
    },
  };
}

/** Asserts a delivery was accepted (204). */
export async function accepted(response: Promise<Response>): Promise<void> {
  const answer = await response;
  const text = await answer.text();
  if (answer.status !== 204) {
    throw new Error(`Cannot deliver: expected 204, got ${answer.status}: ${text}`);
  }
}
