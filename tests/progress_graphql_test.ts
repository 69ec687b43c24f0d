/**
 * Notifications and analytics through GraphQL.
 */
import assert from "node:assert/strict";
import { eventually, expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface GraphqlResult<T> {
  data?: T | null;
  errors?: { message: string; extensions: { code: string } }[];
}

async function graphql<T>(platform: TestPlatform, query: string, token: string, variables = {}) {
  const response = await platform.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(token) },
    body: JSON.stringify({ query, variables }),
  });
  return await expectJson<GraphqlResult<T>>(response, 200);
}

platformTest("[graphql] notifications and analytics", async (t, open) => {
  const platform = await open();
  const user = await signUp(platform);

  await t.step("notifications, then markNotificationRead", async () => {
    type Page = { notifications: { items: { id: string; type: string; readAt: string | null }[] } };
    const inbox = await eventually(
      "the welcome notification",
      () =>
        graphql<Page>(
          platform,
          "{ notifications { items { id type readAt data } } }",
          user.accessToken,
        ),
      (result) => (result.data?.notifications.items.length ?? 0) > 0,
    );
    const welcome = inbox.data!.notifications.items[0];
    assert.equal(welcome.type, "welcome");
    const marked = await graphql<{ markNotificationRead: boolean }>(
      platform,
      `mutation ($id: ID!) { markNotificationRead(input: { id: $id }) }`,
      user.accessToken,
      { id: welcome.id },
    );
    assert.equal(marked.data?.markNotificationRead, true);
    const unread = await graphql<Page>(
      platform,
      "{ notifications(unread: true) { items { id } } }",
      user.accessToken,
    );
    assert.deepEqual(unread.data?.notifications.items, []);
    const missing = await graphql(
      platform,
      `mutation { markNotificationRead(input: { id: "nope" }) }`,
      user.accessToken,
    );
    assert.equal(missing.errors?.[0].extensions.code, "NOTIFICATION_NOT_FOUND");
  });

  await t.step("analyticsSummary", async () => {
    const result = await graphql<
      { analyticsSummary: { totalSessions: number; weekly: unknown[] } }
    >(
      platform,
      "{ analyticsSummary { totalSessions totalVolumeKg currentStreakDays longestStreakDays weekly { weekStart sessions } } }",
      user.accessToken,
    );
    assert.equal(result.data?.analyticsSummary.totalSessions, 0);
    assert.equal(result.data?.analyticsSummary.weekly.length, 12);
  });

  await t.step("requestAnalyticsReport, then analyticsReport becomes ready", async () => {
    const requested = await graphql<{ requestAnalyticsReport: { id: string; status: string } }>(
      platform,
      `mutation { requestAnalyticsReport(input: { kind: "volume", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }) { id status } }`,
      user.accessToken,
    );
    assert.equal(requested.data?.requestAnalyticsReport.status, "pending");
    const id = requested.data!.requestAnalyticsReport.id;
    const ready = await eventually(
      "the report",
      () =>
        graphql<{ analyticsReport: { status: string } }>(
          platform,
          `query ($id: ID!) { analyticsReport(id: $id) { id kind status result } }`,
          user.accessToken,
          { id },
        ),
      (result) => result.data?.analyticsReport.status === "ready",
    );
    assert.equal(ready.data?.analyticsReport.status, "ready");
    const bad = await graphql(
      platform,
      `mutation { requestAnalyticsReport(input: { kind: "horoscope", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }) { id } }`,
      user.accessToken,
    );
    assert.equal(bad.errors?.[0].extensions.code, "VALIDATION_FAILED");
  });
});
