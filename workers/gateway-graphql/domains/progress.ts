/**
 * Notifications and analytics in GraphQL, resolved by their workers' REST
 * routes.
 *
 * @module
 */
import type { ServiceBinding } from "../../../shared/bindings/service_binding.ts";
import { pageArgs } from "../page_args.ts";
import { pathSegment as id } from "../path_segment.ts";
import { withoutNulls, type WorkerCall } from "../worker_call.ts";
import { withQuery } from "./workouts.ts";

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
  input RequestAnalyticsReportInput { kind: String!, from: String!, to: String!, exerciseId: ID }

  extend type Query {
    notifications(unread: Boolean, limit: Int, cursor: String): NotificationPage!
    analyticsSummary: AnalyticsSummary!
    analyticsReport(id: ID!): AnalyticsReport
  }

  extend type Mutation {
    "Marks one notification read; always true (idempotent)."
    markNotificationRead(input: MarkNotificationReadInput!): Boolean!
    requestAnalyticsReport(input: RequestAnalyticsReportInput!): AnalyticsReport!
  }
`;

/** The notifications and analytics resolvers of one request. */
export function progressResolvers(
  call: WorkerCall,
  peers: { notifications: ServiceBinding; analytics: ServiceBinding },
) {
  return {
    notifications: (args: Record<string, unknown>) =>
      call(peers.notifications, "GET", withQuery("/v1/notifications", pageArgs(args))),
    analyticsSummary: () => call(peers.analytics, "GET", "/v1/analytics/summary"),
    analyticsReport: (args: { id: string }) =>
      call(peers.analytics, "GET", `/v1/analytics/reports/${id(args.id)}`),
    markNotificationRead: async ({ input }: { input: { id: string } }) => {
      await call(peers.notifications, "POST", `/v1/notifications/${id(input.id)}/read`);
      return true;
    },
    requestAnalyticsReport: async ({ input }: { input: Record<string, unknown> }) => {
      const created = await call<{ id: string; status: string }>(
        peers.analytics,
        "POST",
        "/v1/analytics/reports",
        withoutNulls(input),
      );
      return { ...created, kind: input.kind, result: null };
    },
  };
}
