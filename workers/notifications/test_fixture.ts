/**
 * The notifications worker on real stores for its suites: a real token
 * verifier over a fake auth worker's JWKS, a fake auth binding that lists the
 * admins (or is unreachable), a real delivery verifier with a local signing
 * key, and deliveries made exactly as the embedded queue makes them (signed
 * raw body, `Upstash-*` headers).
 *
 * @module
 */
import { eq, sql } from "drizzle-orm";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { embeddedDeliveryUrl } from "../../shared/queue/deno_kv_queue.ts";
import { createDeliveryVerifier } from "../../shared/queue/signature.ts";
import { revocationsNamespace } from "../../shared/runtime/authentication.ts";
import { randomSecret } from "../../shared/runtime/secret.ts";
import { openPlatformStores, type StoresConfig } from "../../shared/runtime/stores.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { createTestAuth } from "../../shared/testing/test_auth.ts";
import { signedDelivery } from "../../shared/testing/test_deliveries.ts";
import type { Email, Mailer } from "./mailer.ts";
import { createNotificationsWorker } from "./mod.ts";
import { inbox, preferences, processedMessages } from "./tables.ts";

/** Noon in UTC, 21:00 in Tokyo. */
export const startedAt = new Date("2026-03-01T12:00:00.000Z");
export const deliveryUrl = embeddedDeliveryUrl("notifications");

/** How a test delivery is made; the defaults are the queue's. */
export interface DeliveryOptions {
  /** The event id (default a fresh one). */
  id?: string;
  signingKey?: string;
  /** The URL the signature is made for. */
  url?: string;
  /** Replaces the signature header. */
  signature?: string;
}

/** The worker and its surroundings. */
export interface Fixture {
  /** A request to the worker, as the gateway would send it. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A member's access token. */
  token(sub: string): Promise<string>;
  /** Delivers one event as the queue does; answers the worker's response. */
  deliver(type: string, payload: unknown, options?: DeliveryOptions): Promise<Response>;
  /** Delivers and asserts the 204. */
  delivered(type: string, payload: unknown, options?: DeliveryOptions): Promise<string>;
  /** Rows `userId` has in each `notifications.*` table (processed messages: all of them). */
  rowCounts(userId: string): Promise<{ inbox: number; preferences: number }>;
  processedCount(): Promise<number>;
  /** The key the queue signs deliveries with. */
  signingKey: string;
  emails: Email[];
  /** Makes the mailer reject (true) or accept (false). */
  failMail(failing: boolean): void;
  /** Moves the clock of the worker and the token verifier. */
  advance(seconds: number): void;
  /** Who the fake auth worker lists as admins (none at first); `null`: auth is unreachable. */
  setAdmins(ids: string[] | null): void;
  /** How many times the worker asked auth for the admins. */
  adminLookups(): number;
  now(): Date;
}

type Suite = (t: Deno.TestContext, fixture: Fixture) => Promise<void>;

/** Registers `suite` on the embedded stores, and on the production adapters when configured. */
export function notificationsTest(name: string, suite: Suite): void {
  storeVariantTest(name, (t, stores) => withFixture(t, stores, suite));
}

async function withFixture(t: Deno.TestContext, config: StoresConfig, suite: Suite) {
  const log = createLogger({ level: "debug", sink: memorySink() });
  const stores = await openPlatformStores(config, log);
  try {
    let current = startedAt;
    const now = () => current;
    const internalSecret = randomSecret();
    const signingKey = randomSecret();
    const auth = await createTestAuth({
      kv: stores.kvFor(revocationsNamespace),
      internalSecret,
      now,
    });

    const emails: Email[] = [];
    let mailFails = false;
    const mailer: Mailer = {
      send(email) {
        if (mailFails) return Promise.reject(new Error("SMTP 451: try again later"));
        emails.push(email);
        return Promise.resolve();
      },
    };

    let admins: string[] | null = [];
    let adminLookups = 0;
    const authWorker: ServiceBinding = {
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

    const app = createNotificationsWorker({
      log,
      internalSecret,
      postgres: stores.postgres,
      kv: stores.kvFor("notifications"),
      revocations: auth.revocations,
      verifier: auth.verifier,
      deliveries: createDeliveryVerifier({
        currentSigningKey: signingKey,
        nextSigningKey: signingKey,
        url: deliveryUrl,
      }),
      mailer,
      auth: authWorker,
      now,
    });
    const db = stores.postgres.db;

    const deliver = async (type: string, payload: unknown, options: DeliveryOptions = {}) =>
      await app.fetch(
        await signedDelivery("notifications", { id: options.id, type, payload }, {
          signingKey: options.signingKey ?? signingKey,
          now,
          signature: options.signature,
          signedUrl: options.url,
        }),
      );

    await suite(t, {
      request: async (path, init) =>
        await app.fetch(new Request(new URL(path, "http://notifications.internal"), init)),
      token: (sub) => auth.token(sub),
      deliver,
      async delivered(type, payload, options = {}) {
        const id = options.id ?? crypto.randomUUID();
        const response = await deliver(type, payload, { ...options, id });
        const text = await response.text();
        if (response.status !== 204) {
          throw new Error(`expected 204 for ${type}, got ${response.status}: ${text}`);
        }
        return id;
      },
      async rowCounts(userId) {
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
      signingKey,
      emails,
      failMail(failing) {
        mailFails = failing;
      },
      advance(seconds) {
        current = new Date(current.getTime() + seconds * 1000);
      },
      setAdmins(ids) {
        admins = ids;
      },
      adminLookups: () => adminLookups,
      now,
    });
  } finally {
    await stores.close();
  }
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
