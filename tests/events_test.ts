/**
 * The async backbone end to end through the public API: outbox → relay →
 * queue → signed delivery → idempotent consumer, on both store variants.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { eventually, expectJson } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { internalSecretHeader } from "../shared/bindings/service_binding.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface Inbox {
  items: {
    id: string;
    type: string;
    title: string;
    data: Record<string, unknown>;
    readAt: string | null;
  }[];
  nextCursor: string | null;
}

function inbox(platform: TestPlatform, token: string, query = "") {
  return async () =>
    await expectJson<Inbox>(
      await platform.request(`/v1/notifications${query}`, { headers: bearer(token) }),
      200,
    );
}

async function count(platform: TestPlatform, query: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(query);
  return rows[0].n;
}

/** What `worker` answered to the deliveries of `type` (its own delivery metric). */
async function deliveries(
  platform: TestPlatform,
  worker: "notifications" | "webhooks",
  type: string,
) {
  const response = await platform.workers[worker].fetch(
    new Request(`http://${worker}.internal/internal/metrics`, {
      headers: { [internalSecretHeader]: platform.internalSecret },
    }),
  );
  const counts = { processed: 0, ignored: 0 };
  for (const line of (await response.text()).split("\n")) {
    const match = /^fitconnect_queue_deliveries_total\{(.*)\} (\d+)$/.exec(line);
    if (!match || !match[1].includes(`type="${type}"`)) continue;
    for (const result of ["processed", "ignored"] as const) {
      if (match[1].includes(`result="${result}"`)) counts[result] += Number(match[2]);
    }
  }
  return counts;
}

platformTest(
  "[events] registration, sessions and deletion flow through the queue",
  async (t, open) => {
    const platform = await open();
    const user = await signUp(platform, { displayName: "Noor" });

    await t.step("a welcome notification appears within 2 s of registering", async () => {
      const started = Date.now();
      const { items } = await eventually(
        "the welcome",
        inbox(platform, user.accessToken),
        (box) => box.items.length > 0,
        2_000,
      );
      assert.ok(Date.now() - started < 2_000);
      assert.equal(items[0].type, "welcome");
      assert.match(items[0].title, /Noor/);
    });

    await t.step("a personal record notification follows a session that beats a best", async () => {
      const log = (clientId: string, weightKg: number) =>
        platform.request(
          "/v1/sessions",
          postJson({
            clientId,
            startedAt: new Date(Date.now() - 3_600_000).toISOString(),
            entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg }] }],
          }, bearer(user.accessToken)),
        );
      assert.equal((await log("s1", 100)).status, 201);
      assert.equal((await log("s2", 120)).status, 201);
      const { items } = await eventually(
        "the record",
        inbox(platform, user.accessToken),
        (box) => box.items.some((item) => item.type === "personal_record"),
      );
      assert.equal(items.filter((item) => item.type === "personal_record").length, 1);
    });

    await t.step("analytics sees the sessions", async () => {
      const summary = await eventually(
        "the summary",
        async () =>
          await expectJson<{ totalSessions: number; totalVolumeKg: number }>(
            await platform.request("/v1/analytics/summary", { headers: bearer(user.accessToken) }),
            200,
          ),
        (value) => value.totalSessions === 2,
      );
      assert.equal(summary.totalVolumeKg, 1100);
    });

    await t.step("a session that concerns no other worker opens no transaction there", async () => {
      // Two sessions reached notifications and webhooks: only the one with a record concerns
      // notifications, and the member has no webhook subscriptions.
      for (const worker of ["notifications", "webhooks"] as const) {
        const expected = worker === "notifications" ? 1 : 2;
        await eventually(
          `${worker} to answer both sessions`,
          () => deliveries(platform, worker, "SessionLogged"),
          (counts) => counts.processed + counts.ignored === 2,
        );
        const counts = await deliveries(platform, worker, "SessionLogged");
        assert.equal(counts.ignored, expected, worker);
        assert.equal(
          await count(
            platform,
            sql.raw(`select count(*)::int as n from ${worker}.processed_messages
                     where type = 'SessionLogged'`),
          ),
          2 - expected,
          worker,
        );
      }
    });

    await t.step("every outbox row was published exactly once", async () => {
      await platform.events.flush();
      for (const schema of ["auth", "users", "workouts", "analytics", "notifications"]) {
        assert.equal(
          await count(
            platform,
            sql.raw(`select count(*)::int as n from ${schema}.outbox where published_at is null`),
          ),
          0,
          schema,
        );
      }
    });

    await t.step("closing the account erases the member everywhere", async () => {
      const device = { expoPushToken: "ExponentPushToken[events-erasure]", platform: "ios" };
      await expectJson(
        await platform.request("/v1/me/devices", postJson(device, bearer(user.accessToken))),
        201,
      );
      assert.equal(
        (await platform.request("/v1/me", { method: "DELETE", headers: bearer(user.accessToken) }))
          .status,
        204,
      );
      const tables: [string, string][] = [
        ["auth.identities", "id"],
        ["users.profiles", "user_id"],
        ["workouts.sessions", "user_id"],
        ["workouts.plans", "owner_id"],
        ["workouts.personal_bests", "user_id"],
        ["notifications.inbox", "user_id"],
        ["notifications.preferences", "user_id"],
        ["notifications.devices", "user_id"],
        ["analytics.members", "user_id"],
        ["analytics.session_facts", "user_id"],
        ["analytics.record_facts", "user_id"],
        ["analytics.reports", "user_id"],
        ["payments.payments", "user_id"],
        ["payments.memberships", "user_id"],
        ["payments.idempotency_keys", "user_id"],
        ["inventory.stock_movements", "actor"],
      ];
      for (const [table, column] of tables) {
        await eventually(
          `${table} to forget the member`,
          () =>
            count(
              platform,
              sql.raw(`select count(*)::int as n from ${table} where ${column} = '${user.id}'`),
            ),
          (n) => n === 0,
        );
      }
    });

    await t.step("events about the member that arrive late bring nothing back", async () => {
      const late = (type: string, payload: Record<string, unknown>) => ({
        id: crypto.randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        payload,
      });
      const session = late("SessionLogged", {
        sessionId: crypto.randomUUID(),
        userId: user.id,
        clientId: "late",
        startedAt: new Date().toISOString(),
        endedAt: null,
        volumeKg: 500,
        personalRecords: [{ exerciseId: "barbell-back-squat", kind: "max_weight", value: 200 }],
        exerciseIds: ["barbell-back-squat"],
      });
      const payment = late("PaymentSucceeded", {
        paymentId: `pay_late_${crypto.randomUUID()}`,
        userId: user.id,
        amountCents: 2900,
        currency: "EUR",
        planId: "monthly",
        items: [],
        succeededAt: new Date().toISOString(),
      });
      for (const message of [session, payment]) {
        for (const consumer of ["notifications", "analytics"]) {
          await platform.events.queue.publish(message, { consumer });
        }
      }
      for (const schema of ["notifications", "analytics"]) {
        await eventually(
          `${schema} to take the late events`,
          () =>
            count(
              platform,
              sql.raw(
                `select count(*)::int as n from ${schema}.processed_messages
                 where message_id in ('${session.id}', '${payment.id}')`,
              ),
            ),
          (n) => n === 2,
        );
      }
      for (
        const [table, column] of [
          ["notifications.inbox", "user_id"],
          ["analytics.session_facts", "user_id"],
          ["analytics.record_facts", "user_id"],
          ["analytics.members", "user_id"],
          ["analytics.revenue_facts", "user_id"],
        ]
      ) {
        assert.equal(
          await count(
            platform,
            sql.raw(`select count(*)::int as n from ${table} where ${column} = '${user.id}'`),
          ),
          0,
          table,
        );
      }
      // The money still counts: the late payment is in the revenue, without the member.
      assert.equal(
        await count(
          platform,
          sql.raw(
            `select count(*)::int as n from analytics.revenue_facts
             where payment_id = '${(payment.payload as { paymentId: string }).paymentId}'`,
          ),
        ),
        1,
      );
    });
  },
);
