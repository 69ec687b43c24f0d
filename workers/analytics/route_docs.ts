/**
 * How each public analytics route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * @module
 */
import * as v from "valibot";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { id, instant, named } from "../../shared/http/openapi/wire.ts";
import { analyticsProblems } from "./problems.ts";
import { reportKinds } from "./schema.ts";

const day = v.pipe(v.string(), v.isoDate());

const summary = named(
  "AnalyticsSummary",
  v.object({
    totalSessions: v.number(),
    totalVolumeKg: v.number(),
    currentStreakDays: v.number(),
    longestStreakDays: v.number(),
    personalRecords: v.array(v.object({
      exerciseId: id,
      kind: v.string(),
      value: v.number(),
      achievedAt: instant,
    })),
    weekly: v.array(v.object({ weekStart: day, sessions: v.number(), volumeKg: v.number() })),
  }),
);

const reportStatus = v.picklist(["pending", "ready", "failed"]);

const report = named(
  "AnalyticsReport",
  v.object({
    id,
    kind: v.picklist(reportKinds),
    status: reportStatus,
    result: v.pipe(v.unknown(), v.description("The report's figures once `ready`; null before.")),
    createdAt: instant,
    completedAt: v.nullable(instant),
  }),
);

const daily = v.object({ date: day, count: v.number() });

const overview = named(
  "AnalyticsOverview",
  v.object({
    users: v.object({
      total: v.number(),
      active1d: v.number(),
      active7d: v.number(),
      active30d: v.number(),
    }),
    signupsByDay: v.array(daily),
    sessionsByDay: v.array(daily),
    revenueByDay: v.array(
      v.object({ date: day, amountCents: v.number(), currency: v.string() }),
    ),
    payingUsers: v.number(),
  }),
);

export const analyticsDocs = {
  summary: documented({
    summary: "The caller's training summary",
    description: "Computed from logged sessions, asynchronously (eventual, within seconds).",
    tag: "Analytics",
    access: "member",
    scope: "analytics:read",
    responses: { 200: { description: "The summary", body: summary } },
  }),
  requestReport: documented({
    summary: "Request a report, computed asynchronously",
    tag: "Analytics",
    access: "member",
    scope: "analytics:read",
    responses: {
      202: {
        description: "Accepted: poll the `Location`",
        body: named("ReportAccepted", v.object({ id, status: reportStatus })),
        headers: ["Location"],
      },
    },
  }),
  getReport: documented({
    summary: "One of the caller's reports",
    tag: "Analytics",
    access: "member",
    scope: "analytics:read",
    responses: { 200: { description: "The report", body: report } },
    problems: [analyticsProblems.REPORT_NOT_FOUND],
  }),
  overview: documented({
    summary: "Platform overview (admins)",
    tag: "Admin",
    access: "admin",
    scope: "analytics:read",
    responses: { 200: { description: "The overview", body: overview } },
  }),
};
