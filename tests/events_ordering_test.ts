/**
 * Events are ordered per entity: a `ProfileUpdated` that arrives after a
 * newer one (queues do not keep order) cannot overwrite the newer timezone
 * that analytics and notifications keep. Profiles change through the public
 * API; events go through the real relays and queue; on both store variants.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { eventually, expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

/** The timezone each consumer keeps for `userId`. */
async function keptTimezones(platform: TestPlatform, userId: string) {
  const { rows: [row] } = await platform.stores.postgres.db.execute<
    { analytics: string | null; notifications: string | null }
  >(sql`
    select (select timezone from analytics.members where user_id = ${userId}) as analytics,
           (select timezone from notifications.preferences where user_id = ${userId}) as notifications
  `);
  return row;
}

/** How many deliveries of event `id` the two consumers processed or skipped. */
async function handled(platform: TestPlatform, id: string): Promise<number> {
  const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(sql`
    select (select count(*)::int from analytics.processed_messages where message_id = ${id}) +
           (select count(*)::int from notifications.processed_messages where message_id = ${id})
      as n
  `);
  return rows[0].n;
}

platformTest("[events] a late ProfileUpdated never overwrites a newer one", async (t, open) => {
  const platform = await open();
  const member = await signUp(platform, { displayName: "Ines" });
  const setTimezone = async (timezone: string) =>
    await expectJson(
      await platform.request("/v1/me", {
        method: "PATCH",
        headers: bearer(member.accessToken, { "content-type": "application/json" }),
        body: JSON.stringify({ timezone }),
      }),
      200,
    );

  await t.step("both consumers keep the newest of two profile changes", async () => {
    await setTimezone("Asia/Tokyo");
    await setTimezone("America/New_York");
    await eventually(
      "the newest timezone in analytics and notifications",
      () => keptTimezones(platform, member.id),
      (kept) => kept.analytics === "America/New_York" && kept.notifications === "America/New_York",
      5_000,
    );
  });

  await t.step("the older change, arriving late, changes nothing", async () => {
    const { rows: [older] } = await platform.stores.postgres.db.execute<{ payload: unknown }>(sql`
      select payload from users.outbox
      where type = 'ProfileUpdated' and payload ->> 'userId' = ${member.id}
        and payload ->> 'timezone' = 'Asia/Tokyo'
    `);
    assert.ok(older, "the Tokyo change is in users.outbox");
    // The same change, delivered now (first time under this id) through the real queue.
    const late = {
      id: crypto.randomUUID(),
      type: "ProfileUpdated",
      occurredAt: new Date().toISOString(),
      payload: older.payload,
    };
    for (const consumer of ["analytics", "notifications"]) {
      await platform.events.queue.publish(late, { consumer });
    }
    await eventually("both deliveries handled", () => handled(platform, late.id), (n) => n === 2);
    assert.deepEqual(await keptTimezones(platform, member.id), {
      analytics: "America/New_York",
      notifications: "America/New_York",
    });
  });
});
