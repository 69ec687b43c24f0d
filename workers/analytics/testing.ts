/**
 * The analytics worker on real stores for the suites in tests/analytics_*:
 * a real token verifier over a tiny in-process JWKS app, and deliveries
 * signed exactly as the Deno KV queue signs them.
 *
 * @module
 */
import { Hono } from "hono";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { SQL } from "drizzle-orm";
import {
  accessTokenLifetimeSec,
  type Role,
  tokenAlgorithm,
  tokenAudience,
  tokenIssuer,
} from "../../shared/auth/claims.ts";
import { jwksOverBinding } from "../../shared/auth/key_source.ts";
import { createRevocationList } from "../../shared/auth/revocations.ts";
import { createTokenVerifier } from "../../shared/auth/verifier.ts";
import { inProcessBinding } from "../../shared/bindings/service_binding.ts";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { embeddedDeliveryUrl } from "../../shared/queue/deno_kv_queue.ts";
import { deliveryHeaders } from "../../shared/queue/port.ts";
import { createDeliveryVerifier, signDelivery } from "../../shared/queue/signature.ts";
import { revocationsNamespace } from "../../shared/runtime/authentication.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import { openPlatformStores } from "../../shared/runtime/stores.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { createAnalyticsWorker } from "./mod.ts";
import { selectRows } from "./sql_rows.ts";

const kid = "analytics-test-key";

/** The suites' "now": a Tuesday, midday UTC. */
export const fixtureNow = new Date("2026-03-10T12:00:00.000Z");

/** An event as it travels. */
export interface DeliveredEvent {
  id?: string;
  type: string;
  payload: unknown;
  occurredAt?: string;
}

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
      const revocations = createRevocationList(stores.kvFor(revocationsNamespace));
      const { publicKey, privateKey } = await generateKeyPair(tokenAlgorithm, {
        extractable: true,
      });
      const jwk = { ...await exportJWK(publicKey), kid, alg: tokenAlgorithm, use: "sig" };
      const fakeAuth = new Hono().get("/.well-known/jwks.json", (c) => c.json({ keys: [jwk] }));
      const url = embeddedDeliveryUrl("analytics");
      const app = createAnalyticsWorker({
        log,
        internalSecret,
        postgres: stores.postgres,
        kv: stores.kvFor("analytics"),
        revocations,
        verifier: createTokenVerifier({
          keys: jwksOverBinding(inProcessBinding(fakeAuth, { internalSecret })),
          revocations,
          now,
        }),
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
        async token(sub, role = "member") {
          const iat = Math.floor(current.getTime() / 1000);
          return await new SignJWT({ role, sid: `sid-${sub}` })
            .setProtectedHeader({ alg: tokenAlgorithm, kid })
            .setIssuer(tokenIssuer)
            .setAudience(tokenAudience)
            .setSubject(sub)
            .setJti(crypto.randomUUID())
            .setIssuedAt(iat)
            .setExpirationTime(iat + accessTokenLifetimeSec)
            .sign(privateKey);
        },
        async deliver(event, options = {}) {
          const body = JSON.stringify({
            id: event.id ?? crypto.randomUUID(),
            type: event.type,
            occurredAt: event.occurredAt ?? current.toISOString(),
            payload: event.payload,
          });
          return await app.fetch(
            new Request(url, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                [deliveryHeaders.signature]: await signDelivery({
                  signingKey: options.signingKey ?? signingKey,
                  url,
                  body,
                }),
                [deliveryHeaders.messageId]: `msg_${crypto.randomUUID()}`,
                [deliveryHeaders.retried]: "0",
              },
              body,
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
