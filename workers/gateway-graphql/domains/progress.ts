/**
 * Notifications and analytics in GraphQL, resolved by their workers' REST
 * routes.
 *
 * @module
 */
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";
import { pageArgs } from "../page_args.ts";
import { pathSegment as segment } from "../path_segment.ts";
import { restBody, restQuery } from "../rest_input.ts";

export const progressSdl = /* GraphQL */ `
  "Any JSON value (a notification's data, a report's result)."
  scalar JSON

  type Notification {
    id: ID!
    type: String!
    title: String!
    body: String!
    data: JSON
    createdAt: String!
    readAt: String
  }
  type NotificationPage { items: [Notification!]!, nextCursor: String }

  "A daily window in the member's timezone (HH:MM, 24-hour); crosses midnight when start > end."
  type QuietHours { start: String!, end: String! }
  type NotificationPreferences { inApp: Boolean!, email: Boolean!, push: Boolean!, quietHours: QuietHours }

  type PersonalRecordSummary { exerciseId: ID!, kind: String!, value: Float!, achievedAt: String }
  type WeeklyBucket { weekStart: String!, sessions: Int!, volumeKg: Float! }
  type AnalyticsSummary {
    totalSessions: Int!
    totalVolumeKg: Float!
    currentStreakDays: Int!
    longestStreakDays: Int!
    personalRecords: [PersonalRecordSummary!]!
    weekly: [WeeklyBucket!]!
  }
  type AnalyticsReport {
    id: ID!
    kind: String!
    status: String!
    result: JSON
    createdAt: String
    completedAt: String
  }

  input MarkNotificationReadInput { id: ID! }
  input QuietHoursInput { start: String!, end: String! }
  "Every channel said; quietHours null or left out means none."
  input NotificationPreferencesInput {
    inApp: Boolean!
    email: Boolean!
    push: Boolean!
    quietHours: QuietHoursInput
  }
  input RequestAnalyticsReportInput { kind: String!, from: String!, to: String!, exerciseId: ID }

  extend type Query {
    notifications(unread: Boolean, limit: Int, cursor: String): NotificationPage!
    notificationPreferences: NotificationPreferences!
    analyticsSummary: AnalyticsSummary!
    analyticsReport(id: ID!): AnalyticsReport
  }

  extend type Mutation {
    "Marks one notification read; always true (idempotent)."
    markNotificationRead(input: MarkNotificationReadInput!): Boolean!
    "Replaces the member's preferences (as REST PUT /v1/notifications/preferences)."
    updateNotificationPreferences(input: NotificationPreferencesInput!): NotificationPreferences!
    requestAnalyticsReport(input: RequestAnalyticsReportInput!): AnalyticsReport!
  }
`;

/** The notifications and analytics resolvers of one request. */
export function progressResolvers(
  clients: Pick<ForwardedClients, "notifications" | "analytics">,
  relay: Relay,
) {
  const { notifications } = clients.notifications.v1;
  const { analytics } = clients.analytics.v1;
  return {
    notifications: (args: Record<string, unknown>) =>
      relay(notifications.$get({ query: restQuery(pageArgs(args)) })),
    notificationPreferences: () => relay(notifications.preferences.$get()),
    updateNotificationPreferences: ({ input }: { input: Record<string, unknown> }) =>
      relay(notifications.preferences.$put({ json: restBody(input) })),
    analyticsSummary: () => relay(analytics.summary.$get()),
    analyticsReport: ({ id }: { id: string }) =>
      relay(analytics.reports[":id"].$get({ param: { id: segment(id) } })),
    markNotificationRead: async ({ input }: { input: { id: string } }) => {
      await relay(notifications[":id"].read.$post({ param: { id: segment(input.id) } }));
      return true;
    },
    requestAnalyticsReport: async ({ input }: { input: Record<string, unknown> }) => {
      const created = await relay(analytics.reports.$post({ json: restBody(input) }));
      return { ...created, kind: input.kind, result: null };
    },
  };
}
