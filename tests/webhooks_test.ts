/**
 * Outbound webhooks end to end through the embedded platform: a member
 * subscribes, acts, and a local receiver gets deliveries it verifies with
 * the `standardwebhooks` library; failures are retried (a short injected
 * schedule), logged, replayable, and in the end disable the subscription
 * and tell its owner.
 */
import assert from "node:assert/strict";
import { eventually, expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from "../workers/webhooks/testing.ts";
import { signUp, type TestUser } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface SubscriptionBody {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  previousSecretExpiresAt: string | null;
  secret?: string;
}

interface DeliveryBody {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  log: { attempt: number; outcome: string; responseStatus: number | null; latencyMs: number }[];
}

const squat = "barbell-back-squat";

platformTest("[webhooks] signed outbound webhooks", async (t, open) => {
  const platform = await open({
    webhooks: { allowLoopback: true, retryScheduleMs: [20, 40, 80], disableAfter: 2 },
  });
  const receivers: WebhookReceiver[] = [];
  const receiver = () => {
    const started = startWebhookReceiver();
    receivers.push(started);
    return started;
  };
  try {
    await suite(t, platform, receiver);
  } finally {
    await Promise.all(receivers.map((r) => r.close()));
  }
});

async function suite(t: Deno.TestContext, platform: TestPlatform, receiver: () => WebhookReceiver) {
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const call = (user: TestUser, method: string, path: string, body?: unknown) =>
    platform.request(path, {
      method,
      headers: bearer(
        user.accessToken,
        body === undefined ? {} : {
          "content-type": "application/json",
        },
      ),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const subscribe = async (user: TestUser, url: string, events: string[]) => {
    const created = await expectJson<SubscriptionBody>(
      await call(user, "POST", "/v1/webhooks", { url, events }),
      201,
    );
    assert.match(created.secret!, /^whsec_[A-Za-z0-9+/]+=*$/);
    return created as SubscriptionBody & { secret: string };
  };
  let day = 1;
  const logSession = async (user: TestUser, weightKg: number) => {
    const startedAt = `2026-02-${String(day++).padStart(2, "0")}T09:00:00.000Z`;
    const response = await platform.request(
      "/v1/sessions",
      postJson({ startedAt, entries: [{ exerciseId: squat, sets: [{ reps: 5, weightKg }] }] }, {
        authorization: `Bearer ${user.accessToken}`,
      }),
    );
    return await expectJson<{ id: string }>(response, 201);
  };
  const deliveriesOf = async (user: TestUser, id: string) =>
    (await expectJson<{ items: DeliveryBody[] }>(
      await call(user, "GET", `/v1/webhooks/${id}/deliveries`),
      200,
    )).items;
  const arrived = (r: WebhookReceiver, what: string, done: (got: ReceivedWebhook[]) => boolean) =>
    eventually(what, () => Promise.resolve([...r.received]), done, 15_000);

  const hooks = receiver();
  const subscription = await subscribe(alice, hooks.url, [
    "session.logged",
    "personal_record.achieved",
  ]);
  hooks.trust(subscription.secret);

  await t.step("a logged session arrives as a verified session.logged", async () => {
    const session = await logSession(alice, 100);
    const [got] = await arrived(hooks, "session.logged", (all) => all.length >= 1);
    assert.deepEqual(got.verifiedWith, [subscription.secret]);
    assert.equal(got.answered, 204);
    assert.match(got.id, /^msg_/);
    assert.equal(got.envelope.type, "session.logged");
    assert.ok(!Number.isNaN(Date.parse(got.envelope.timestamp)));
    // The public payload, field by field: no member id, no client id.
    assert.deepEqual(Object.keys(got.envelope.data).sort(), [
      "endedAt",
      "exerciseIds",
      "personalRecordCount",
      "sessionId",
      "startedAt",
      "volumeKg",
    ]);
    assert.equal(got.envelope.data.sessionId, session.id);
  });

  await t.step("a personal record arrives as personal_record.achieved", async () => {
    await logSession(alice, 120);
    const all = await arrived(
      hooks,
      "personal_record.achieved",
      // One webhook per record kind, delivered independently: wait for the one asserted.
      (got) =>
        got.some((w) =>
          w.envelope.type === "personal_record.achieved" && w.envelope.data.kind === "max_weight"
        ),
    );
    const records = all.filter((w) => w.envelope.type === "personal_record.achieved");
    assert.ok(records.every((w) => w.verifiedWith.length === 1));
    assert.ok(records.some((w) => w.envelope.data.kind === "max_weight"));
    assert.ok(records.every((w) => w.envelope.data.exerciseId === squat));
  });

  await t.step("the delivery log shows status, response code and latency", async () => {
    const items = await eventually(
      "succeeded deliveries",
      () => deliveriesOf(alice, subscription.id),
      (list) => list.length >= 2 && list.every((d) => d.status === "succeeded"),
    );
    for (const delivery of items) {
      assert.equal(delivery.attempts, 1);
      assert.equal(delivery.log[0].outcome, "succeeded");
      assert.equal(delivery.log[0].responseStatus, 204);
      assert.equal(typeof delivery.log[0].latencyMs, "number");
    }
  });

  await t.step("another member can neither see nor touch the subscription (404)", async () => {
    const path = `/v1/webhooks/${subscription.id}`;
    for (
      const [method, suffix, body] of [
        ["GET", "", undefined],
        ["PATCH", "", { enabled: false }],
        ["DELETE", "", undefined],
        ["POST", "/rotate-secret", undefined],
        ["GET", "/deliveries", undefined],
      ] as const
    ) {
      await expectProblem(await call(bob, method, path + suffix, body), 404, "WEBHOOK_NOT_FOUND");
    }
    const list = await expectJson<{ items: unknown[] }>(
      await call(bob, "GET", "/v1/webhooks"),
      200,
    );
    assert.deepEqual(list.items, []);
    const mine = await expectJson<SubscriptionBody>(await call(alice, "GET", path), 200);
    assert.equal(mine.enabled, true);
    assert.equal("secret" in mine, false);
  });

  await t.step("an API key cannot manage webhooks (403), whatever it is", async () => {
    const key = { authorization: "Bearer fck_0123456789abcdefghijklmnopqrstuvwxyzABCD" };
    await expectProblem(await platform.request("/v1/webhooks", { headers: key }), 403, "FORBIDDEN");
    await expectProblem(
      await platform.request(
        "/v1/webhooks",
        postJson({ url: hooks.url, events: ["session.logged"] }, key),
      ),
      403,
      "FORBIDDEN",
    );
  });

  await t.step("refuses non-public destinations with 422 naming url", async () => {
    for (
      const url of [
        "http://10.0.0.1/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[fd00:ec2::254]/",
        "http://0x0a000001/",
        "http://100.64.0.1/",
        "http://[::ffff:192.168.0.1]/",
        "ftp://127.0.0.1/hooks",
      ]
    ) {
      const problem = await expectProblem(
        await call(alice, "POST", "/v1/webhooks", { url, events: ["session.logged"] }),
        422,
        "VALIDATION_FAILED",
      );
      assert.equal(problem.errors?.[0].pointer, "/url", url);
    }
    await expectProblem(
      await call(alice, "PATCH", `/v1/webhooks/${subscription.id}`, { url: "http://10.1.1.1/" }),
      422,
      "VALIDATION_FAILED",
    );
  });

  await t.step("stock.low is for admins: a member gets 403 naming it", async () => {
    const problem = await expectProblem(
      await call(alice, "POST", "/v1/webhooks", { url: hooks.url, events: ["stock.low"] }),
      403,
      "WEBHOOK_EVENT_FORBIDDEN",
    );
    assert.match(problem.detail, /stock\.low/);
  });

  await t.step("a failing receiver is retried with backoff until it recovers", async (retried) => {
    const flaky = receiver();
    flaky.answer((n) => n <= 2 ? 503 : 200);
    const flakySub = await subscribe(bob, flaky.url, ["session.logged"]);
    flaky.trust(flakySub.secret);
    await logSession(bob, 60);
    const [delivery] = await eventually(
      "the retried delivery to succeed",
      () => deliveriesOf(bob, flakySub.id),
      (list) => list[0]?.status === "succeeded",
    );
    assert.equal(delivery.attempts, 3);
    assert.deepEqual(
      delivery.log.map((a) => [a.attempt, a.outcome, a.responseStatus]),
      [[1, "failed", 503], [2, "failed", 503], [3, "succeeded", 200]],
    );
    // One webhook-id for every attempt: receivers dedupe by it.
    assert.deepEqual(flaky.received.map((w) => w.id), Array(3).fill(delivery.id));

    await retried.step("the owner replays it: the same webhook-id arrives again", async () => {
      const replayed = await call(
        bob,
        "POST",
        `/v1/webhooks/${flakySub.id}/deliveries/${delivery.id}/replay`,
      );
      assert.deepEqual(await expectJson(replayed, 202), { id: delivery.id, status: "pending" });
      await arrived(flaky, "the replay", (all) => all.length === 4);
      assert.equal(flaky.received[3].id, delivery.id);
      const [after] = await eventually(
        "the replay in the log",
        () => deliveriesOf(bob, flakySub.id),
        (list) => list[0]?.attempts === 4 && list[0].status === "succeeded",
      );
      assert.equal(after.log.length, 4);
      await expectProblem(
        await call(alice, "POST", `/v1/webhooks/${flakySub.id}/deliveries/${delivery.id}/replay`),
        404,
        "WEBHOOK_NOT_FOUND",
      );
      await expectProblem(
        await call(bob, "POST", `/v1/webhooks/${flakySub.id}/deliveries/msg_nope/replay`),
        404,
        "WEBHOOK_DELIVERY_NOT_FOUND",
      );
    });
  });

  await t.step("after a rotation, deliveries verify under the old and the new secret", async () => {
    const rotated = await expectJson<SubscriptionBody & { secret: string }>(
      await call(alice, "POST", `/v1/webhooks/${subscription.id}/rotate-secret`),
      200,
    );
    assert.notEqual(rotated.secret, subscription.secret);
    assert.ok(Date.parse(rotated.previousSecretExpiresAt!) > Date.now() + 23 * 3600_000);
    hooks.trust(rotated.secret);
    const before = hooks.received.length;
    await logSession(alice, 80);
    const all = await arrived(hooks, "a delivery after rotation", (got) => got.length > before);
    const latest = all[before];
    assert.deepEqual(latest.verifiedWith, [subscription.secret, rotated.secret]);
    assert.equal(latest.signature.split(" ").length, 2);
  });

  await t.step("a subscription that keeps failing is disabled and its owner told", async () => {
    const dead = receiver();
    dead.answer(() => 500);
    const doomed = await subscribe(bob, dead.url, ["session.logged"]);
    dead.trust(doomed.secret);
    await logSession(bob, 61);
    await logSession(bob, 62);
    const disabled = await eventually(
      "the subscription to be disabled",
      async () =>
        await expectJson<SubscriptionBody>(
          await call(bob, "GET", `/v1/webhooks/${doomed.id}`),
          200,
        ),
      (body) => !body.enabled,
      20_000,
    );
    assert.equal(disabled.disabledReason, "failing_deliveries");
    // Each of the two deliveries had all four attempts (one plus three retries).
    assert.equal(dead.received.length, 8);
    const inbox = await eventually(
      "the webhook_disabled notification",
      async () =>
        await expectJson<{ items: { type: string; data: { webhookId: string } }[] }>(
          await call(bob, "GET", "/v1/notifications"),
          200,
        ),
      (body) => body.items.some((n) => n.type === "webhook_disabled"),
    );
    const told = inbox.items.find((n) => n.type === "webhook_disabled")!;
    assert.equal(told.data.webhookId, doomed.id);

    // Re-enabled by its owner, it is delivered to again.
    const enabled = await expectJson<SubscriptionBody>(
      await call(bob, "PATCH", `/v1/webhooks/${doomed.id}`, { enabled: true }),
      200,
    );
    assert.equal(enabled.disabledReason, null);
  });

  await t.step("metrics count attempts by event type and outcome", async () => {
    const text = await platform.scrapeMetrics();
    assert.match(
      text,
      /fitconnect_webhook_deliveries_total\{[^}]*event="session.logged"[^}]*outcome="succeeded"/,
    );
    assert.match(text, /fitconnect_webhook_deliveries_total\{[^}]*outcome="failed"/);
    assert.match(text, /fitconnect_webhook_delivery_duration_seconds_bucket/);
  });

  await t.step("a deleted subscription gets nothing more", async () => {
    const response = await call(alice, "DELETE", `/v1/webhooks/${subscription.id}`);
    assert.equal(response.status, 204);
    await expectProblem(
      await call(alice, "GET", `/v1/webhooks/${subscription.id}`),
      404,
      "WEBHOOK_NOT_FOUND",
    );
  });
}
