/**
 * `deno task start:split` gives the same answers to the same requests as the
 * embedded default: every worker in its own process, bindings over HTTP.
 */
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { startSplit } from "../workers/split.ts";
import { splitTestEnv } from "./support/split_env.ts";
import { storeVariantTest } from "../shared/testing/store_variants.ts";
import { openEmbedded } from "./support/platform.ts";
import { eventually } from "../shared/testing/assertions.ts";
import { revocationCacheMaxAgeMs } from "../shared/auth/revocations.ts";
import { internalSecretHeader } from "../shared/bindings/service_binding.ts";
import { randomSecret } from "../shared/runtime/secret.ts";
import { startWebhookReceiver } from "../workers/webhooks/testing.ts";

/** Requests whose answers must not depend on how the platform runs. */
const probes: { method: string; path: string; headers?: Record<string, string>; body?: string }[] =
  [
    { method: "GET", path: "/health" },
    { method: "GET", path: "/v1/exercises?q=squat&limit=3" },
    { method: "GET", path: "/v1/exercises/barbell-back-squat" },
    { method: "GET", path: "/v1/exercises?limit=101" },
    { method: "GET", path: "/v1/workouts?limit=2" },
    { method: "GET", path: "/v1/sessions" },
    // The gateway sends /v1/me/devices to notifications, ahead of users' /v1/me/*.
    { method: "GET", path: "/v1/me/devices" },
    {
      method: "POST",
      path: "/v1/me/devices",
      headers: { "content-type": "application/json" },
      body: "{}",
    },
    { method: "GET", path: "/v1/nothing" },
    {
      method: "POST",
      path: "/v1/auth/unknown",
      headers: { "content-type": "application/json" },
      body: "{}",
    },
    { method: "GET", path: "/internal/health" },
    { method: "GET", path: "/v1/inventory/items?type=product&limit=3" },
    { method: "GET", path: "/v1/inventory/items/SUP-CREATINE-500G" },
    { method: "GET", path: "/v1/inventory/items/NOPE-0" },
    { method: "GET", path: "/v1/plans" },
    {
      method: "POST",
      path: "/v1/payments",
      headers: { "content-type": "application/json" },
      body: "{}",
    },
    {
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ health { status workers { name status } } }" }),
    },
    {
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json" },
      body: "{",
    },
    { method: "POST", path: "/graphql", headers: { "content-type": "text/plain" }, body: "{}" },
  ];

/** Status, media type and body, with the one field that differs per request removed. */
async function answer(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: text ? withoutVolatile(JSON.parse(text)) : null,
  };
}

/**
 * The body without what differs between two databases by nature: request
 * ids, row timestamps (seeded rows are stamped when their migration ran) and
 * cursors made from them (kept as present / absent).
 */
function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !["requestId", "createdAt", "updatedAt"].includes(key))
      .map(([key, item]) => [key, key === "nextCursor" ? item !== null : withoutVolatile(item)]),
  );
}

/** Starts split on `stores` settings and checks it against the embedded default. */
async function compareWithEmbedded(
  t: Deno.TestContext,
  stores: Record<string, string | undefined>,
) {
  const embedded = await openEmbedded();
  const dataDir = await Deno.makeTempDir({ prefix: "fitconnect_split_" });
  const internalSecret = randomSecret();
  const split = await startSplit(splitTestEnv(dataDir, {
    ...stores,
    FITCONNECT_INTERNAL_SECRET: internalSecret,
    // The webhook step's receiver listens on loopback; short retries keep it quick.
    FITCONNECT_WEBHOOKS_ALLOW_LOOPBACK: "1",
    FITCONNECT_WEBHOOKS_RETRY_SCHEDULE_MS: "50,50",
  }));
  try {
    for (const probe of probes) {
      await t.step(`${probe.method} ${probe.path} ${probe.body ?? ""}`.trim(), async () => {
        const init = { method: probe.method, headers: probe.headers, body: probe.body };
        const viaEmbedded = await answer(await embedded.request(probe.path, init));
        // A health answer says "down" for a store probe slower than its 2 s bound, which a
        // loaded machine can take through the Neon proxy: health is compared once it settles.
        const settles = `${probe.path}${probe.body ?? ""}`.includes("health");
        const viaSplit = await eventually(
          `${probe.method} ${probe.path} to answer as embedded does`,
          async () => await answer(await fetch(`${split.url}${probe.path}`, init)),
          (got) => !settles || isDeepStrictEqual(got, viaEmbedded),
          15_000,
        );
        assert.deepEqual(viaSplit, viaEmbedded);
      });
    }

    await t.step("identity works across processes, revocation included", async () => {
      const post = (path: string, body: unknown, token?: string) =>
        fetch(`${split.url}${path}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        });
      const registered = await post("/v1/auth/register", {
        email: "split@example.com",
        password: "correct horse battery",
        displayName: "Split",
      });
      assert.equal(registered.status, 201);
      const { accessToken, refreshToken } = await registered.json();
      const me = await fetch(`${split.url}/v1/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      assert.equal(me.status, 200);
      assert.equal((await me.json()).displayName, "Split");
      // The welcome crosses three processes: auth's outbox relay → the queue
      // the metrics worker hosts → a signed delivery to notifications.
      const { items } = await eventually(
        "the welcome notification",
        async () =>
          await (await fetch(`${split.url}/v1/notifications`, {
            headers: { authorization: `Bearer ${accessToken}` },
          })).json(),
        (inbox: { items: { type: string }[] }) => inbox.items.some((n) => n.type === "welcome"),
        10_000,
      );
      assert.equal(items.length, 1);

      // A purchase crosses gateway → payments → inventory, then the offline
      // provider's signed webhook → payments → inventory, and the queue → notifications.
      const authorized = { authorization: `Bearer ${accessToken}` };
      const before = await (await fetch(`${split.url}/v1/inventory/items/SUP-CREATINE-500G`))
        .json();
      const checkout = await fetch(`${split.url}/v1/payments`, {
        method: "POST",
        headers: {
          ...authorized,
          "content-type": "application/json",
          "idempotency-key": "split-1",
        },
        body: JSON.stringify({
          items: [{ sku: "SUP-CREATINE-500G", quantity: 2 }],
          planId: "monthly",
        }),
      });
      assert.equal(checkout.status, 201);
      const payment = await checkout.json();
      const confirm = await post(
        `/v1/payments/${payment.id}/confirm`,
        { paymentMethod: "pm_card_visa" },
        accessToken,
      );
      assert.equal(confirm.status, 200);
      await confirm.body?.cancel();
      await eventually(
        "the payment to succeed",
        async () =>
          await (await fetch(`${split.url}/v1/payments/${payment.id}`, { headers: authorized }))
            .json(),
        (read: { status: string }) => read.status === "succeeded",
        10_000,
      );
      const sold = await (await fetch(`${split.url}/v1/inventory/items/SUP-CREATINE-500G`)).json();
      assert.equal(sold.onHand, before.onHand - 2);
      const membership =
        await (await fetch(`${split.url}/v1/me/membership`, { headers: authorized }))
          .json();
      assert.equal(membership.active, true);
      await eventually(
        "the payment notification",
        async () =>
          await (await fetch(`${split.url}/v1/notifications`, { headers: authorized })).json(),
        (inbox: { items: { type: string }[] }) =>
          inbox.items.some((n) => n.type === "payment_succeeded"),
        10_000,
      );
      const refreshed = await post("/v1/auth/refresh", { refreshToken });
      assert.equal(refreshed.status, 200);
      await refreshed.body?.cancel();
      const deleted = await fetch(`${split.url}/v1/me`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${accessToken}` },
      });
      assert.equal(deleted.status, 204);
      // Revoked by auth's process, refused by users' process: they share the key-value store,
      // and the users process keeps its last check for at most revocationCacheMaxAgeMs.
      await new Promise((resolve) => setTimeout(resolve, revocationCacheMaxAgeMs));
      const after = await fetch(`${split.url}/v1/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      assert.equal(after.status, 401);
      await after.body?.cancel();
    });

    await t.step(
      "an API key works across processes and its revocation within the bound",
      async () => {
        const registered = await fetch(`${split.url}/v1/auth/register`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            email: "split-keys@example.com",
            password: "correct horse battery",
            displayName: "Keys",
          }),
        });
        const { accessToken } = await registered.json();
        const created = await fetch(`${split.url}/v1/api-keys`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ name: "split", scopes: ["profile:read"] }),
        });
        assert.equal(created.status, 201);
        const key = await created.json();
        const asKey = { authorization: `Bearer ${key.secret}` };
        // Resolved by the users process (and the gateway's) through the auth process; now cached.
        const me = await fetch(`${split.url}/v1/me`, { headers: asKey });
        assert.equal(me.status, 200);
        assert.equal(me.headers.get("ratelimit-policy"), '"key";q=600;w=60');
        await me.body?.cancel();
        const refused = await fetch(`${split.url}/v1/notifications`, { headers: asKey });
        assert.equal(refused.status, 403);
        assert.equal((await refused.json()).code, "INSUFFICIENT_SCOPE");
        const revoked = await fetch(`${split.url}/v1/api-keys/${key.id}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${accessToken}` },
        });
        assert.equal(revoked.status, 204);
        // The users process still holds the key in its cache: the shared revocation list wins,
        // once the users process's last check of it is older than revocationCacheMaxAgeMs.
        await new Promise((resolve) => setTimeout(resolve, revocationCacheMaxAgeMs));
        const after = await fetch(`${split.url}/v1/me`, { headers: asKey });
        assert.equal(after.status, 401);
        await after.body?.cancel();
      },
    );

    await t.step("a webhook crosses processes: signed, retried, logged", async () => {
      await webhookAcrossProcesses(split.url);
    });

    await t.step("a scheduler runs a producer's relay; nobody else can", async () => {
      const relay = `http://127.0.0.1:${split.ports.workouts}/internal/events/relay`;
      const scheduled = await fetch(relay, {
        method: "POST",
        headers: { [internalSecretHeader]: internalSecret },
      });
      assert.equal(scheduled.status, 200);
      assert.equal(typeof (await scheduled.json()).published, "number");
      const stranger = await fetch(relay, { method: "POST" });
      assert.equal(stranger.status, 404);
      await stranger.body?.cancel();
    });

    await t.step("a worker that stops is reported down and its routes fail with 503", async () => {
      const auth = split.processes.auth;
      auth.kill("SIGTERM");
      await auth.status;
      const health = await fetch(`${split.url}/health`);
      assert.equal(health.status, 503);
      assert.equal((await health.json()).workers.auth, "down");
      const routed = await fetch(`${split.url}/v1/auth/login`, { method: "POST" });
      assert.equal(routed.status, 503);
      assert.equal(routed.headers.get("content-type"), "application/problem+json");
      assert.equal((await routed.json()).code, "SERVICE_UNAVAILABLE");
    });
  } finally {
    await split.stop();
    await embedded.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/**
 * workouts' outbox → the queue → webhooks (fan-out) → its own outbox → the
 * queue → one attempt to a local receiver that fails once, then a retry
 * published with its delay: each hop between processes.
 */
async function webhookAcrossProcesses(url: string) {
  const receiver = startWebhookReceiver();
  try {
    receiver.answer((n) => n === 1 ? 500 : 204);
    const registered = await fetch(`${url}/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: "split-webhooks@example.com",
        password: "correct horse battery",
        displayName: "Hooks",
      }),
    });
    assert.equal(registered.status, 201);
    const { accessToken } = await registered.json();
    const headers = { authorization: `Bearer ${accessToken}`, "content-type": "application/json" };
    const created = await fetch(`${url}/v1/webhooks`, {
      method: "POST",
      headers,
      body: JSON.stringify({ url: receiver.url, events: ["session.logged"] }),
    });
    assert.equal(created.status, 201);
    const subscription = await created.json();
    receiver.trust(subscription.secret);
    const logged = await fetch(`${url}/v1/sessions`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        startedAt: "2026-03-01T09:00:00.000Z",
        entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg: 80 }] }],
      }),
    });
    assert.equal(logged.status, 201);
    const session = await logged.json();
    const { items } = await eventually(
      "the retried delivery to succeed",
      async () =>
        await (await fetch(`${url}/v1/webhooks/${subscription.id}/deliveries`, { headers }))
          .json(),
      (page: { items: { status: string; attempts: number }[] }) =>
        page.items[0]?.status === "succeeded",
      20_000,
    );
    assert.equal(items[0].attempts, 2);
    assert.deepEqual(receiver.received.map((w) => w.answered), [500, 204]);
    assert.ok(receiver.received.every((w) => w.verifiedWith.length === 1));
    assert.equal(receiver.received[1].envelope.data.sessionId, session.id);
  } finally {
    await receiver.close();
  }
}

// Embedded variant: each worker on its own PGlite and one shared Deno KV file.
// Production variant: all workers sharing a real PostgreSQL and Redis.
storeVariantTest("[split] same answers as embedded", (t, stores) =>
  compareWithEmbedded(t, {
    DATABASE_URL: stores.DATABASE_URL,
    NEON_WS_PROXY: stores.NEON_WS_PROXY,
    UPSTASH_REDIS_REST_URL: stores.UPSTASH_REDIS_REST_URL,
    UPSTASH_REDIS_REST_TOKEN: stores.UPSTASH_REDIS_REST_TOKEN,
  }));
