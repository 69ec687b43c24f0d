/**
 * The backbone under faults, through the public API: a consumer that is down
 * gets its events once it is back; a message that fails until a fix ships is
 * dead-lettered, then replayed by an admin and processed once.
 *
 * A worker is "down" by swapping it, in the composition, for a fetcher that
 * fails: the queue reaches consumers only through their bindings, which look
 * the worker up on every call.
 */
import assert from "node:assert/strict";
import type { Fetcher } from "../shared/bindings/service_binding.ts";
import { deliveryPath } from "../shared/queue/port.ts";
import { eventually, expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

/** Makes `worker`'s delivery route fail as `failure` does; returns the attempts seen and a restore. */
function breakDeliveries(
  platform: TestPlatform,
  worker: "notifications" | "analytics",
  failure: () => Response,
) {
  const healthy = platform.workers[worker];
  const attempts: string[] = [];
  const broken: Fetcher = {
    fetch(request, info) {
      if (new URL(request.url).pathname !== deliveryPath) return healthy.fetch(request, info);
      attempts.push(request.headers.get("upstash-message-id") ?? "");
      return failure();
    },
  };
  platform.workers[worker] = broken;
  return { attempts, restore: () => void (platform.workers[worker] = healthy) };
}

async function inboxTypes(platform: TestPlatform, token: string): Promise<string[]> {
  const inbox = await expectJson<{ items: { type: string }[] }>(
    await platform.request("/v1/notifications", { headers: bearer(token) }),
    200,
  );
  return inbox.items.map((item) => item.type);
}

platformTest(
  "[events] a consumer that is down gets its events when it is back",
  async (t, open) => {
    const platform = await open();
    const outage = breakDeliveries(platform, "notifications", () => {
      throw new TypeError("connection refused");
    });
    const user = await signUp(platform, { displayName: "Kai" });

    await t.step("while notifications is down, deliveries fail and nothing shows", async () => {
      await eventually(
        "a failed delivery",
        () => Promise.resolve(outage.attempts.length),
        (n) => n > 0,
      );
      assert.deepEqual(await inboxTypes(platform, user.accessToken), []);
    });

    await t.step("once it is back, the queue's retry delivers the welcome, once", async () => {
      outage.restore();
      const types = await eventually(
        "the welcome after the outage",
        () => inboxTypes(platform, user.accessToken),
        (found) => found.length > 0,
      );
      assert.deepEqual(types, ["welcome"]);
      const dead = await platform.events.queue.deadLetters.list();
      assert.equal(dead.length, 0);
    });
  },
);

platformTest(
  "[events] a poison message is dead-lettered, then replayed after a fix",
  async (t, open) => {
    const platform = await open();
    const admin = await platform.ensureAdmin(undefined);
    const adminLogin = await expectJson<{ accessToken: string }>(
      await platform.request(
        "/v1/auth/login",
        postJson({ email: admin!.email, password: admin!.password }),
      ),
      200,
    );
    const user = await signUp(platform);

    await t.step("members may not see dead letters", async () => {
      await expectProblem(
        await platform.request("/v1/admin/dead-letters", { headers: bearer(user.accessToken) }),
        403,
        "FORBIDDEN",
      );
    });

    // A bug in analytics: every delivery fails until the fix ships.
    const bug = breakDeliveries(
      platform,
      "analytics",
      () => Response.json({ error: "bug" }, { status: 500 }),
    );

    const logged = await platform.request(
      "/v1/sessions",
      postJson({
        clientId: "poisoned",
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg: 100 }] }],
      }, bearer(user.accessToken)),
    );
    assert.equal(logged.status, 201);
    await logged.body?.cancel();

    let letterId = "";
    await t.step("the queue gives up after its retries and keeps the message", async () => {
      const letters = await eventually(
        "the dead letter",
        async () =>
          await expectJson<
            { items: { id: string; consumer: string; message: { type: string } }[] }
          >(
            await platform.request("/v1/admin/dead-letters", {
              headers: bearer(adminLogin.accessToken),
            }),
            200,
          ),
        (body) => body.items.some((item) => item.message.type === "SessionLogged"),
      );
      const letter = letters.items.find((item) => item.message.type === "SessionLogged")!;
      assert.equal(letter.consumer, "analytics");
      // The first attempt and every retry the queue allows reached the consumer.
      assert.ok(bug.attempts.length >= 2, `attempts: ${bug.attempts.length}`);
      letterId = letter.id;
    });

    await t.step("after the fix, a replay is processed once", async () => {
      bug.restore();
      const replay = await platform.request(`/v1/admin/dead-letters/${letterId}/replay`, {
        method: "POST",
        headers: bearer(adminLogin.accessToken),
      });
      assert.equal(replay.status, 202);
      const summary = await eventually(
        "the replayed session in the summary",
        async () =>
          await expectJson<{ totalSessions: number }>(
            await platform.request("/v1/analytics/summary", { headers: bearer(user.accessToken) }),
            200,
          ),
        (value) => value.totalSessions > 0,
      );
      assert.equal(summary.totalSessions, 1);
      const left = await platform.events.queue.deadLetters.list();
      assert.ok(!left.some((letter) => letter.id === letterId), "the replayed letter is gone");
      await expectProblem(
        await platform.request(`/v1/admin/dead-letters/${letterId}/replay`, {
          method: "POST",
          headers: bearer(adminLogin.accessToken),
        }),
        404,
        "DEAD_LETTER_NOT_FOUND",
      );
    });
  },
);
