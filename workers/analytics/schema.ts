/**
 * Wire schemas of the analytics worker: what its routes accept and answer.
 * Messages never echo the input.
 *
 * @module
 */
import * as v from "valibot";

/** The kinds of report a member can ask for. */
export const reportKinds = ["progress", "volume", "exercise_history"] as const;

/** One kind of report. */
export type ReportKind = typeof reportKinds[number];

const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant `text` names, or undefined when it is not an RFC 3339 date-time
 * (checked field by field: `Date.parse` would take February 30 as March 2).
 */
function parseInstant(text: string): Date | undefined {
  const match = rfc3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offset = match[8] ? (match[8] === "-" ? -1 : 1) * (+match[9] * 60 + +match[10]) : 0;
  if (hour > 23 || minute > 59 || second > 59 || +(match[9] ?? 0) > 23 || +(match[10] ?? 0) > 59) {
    return undefined;
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const millis = match[7] ? Math.floor(Number(`0${match[7]}`) * 1000) : 0;
  date.setUTCHours(hour, minute - offset, second, millis);
  return date;
}

const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const instantSchema = v.pipe(
  v.string("must be a string"),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const date = parseInstant(dataset.value);
    if (date === undefined || date.getTime() < earliest || date.getTime() > latest) {
      addIssue({
        message: "must be an RFC 3339 date-time from 1970 on, such as 2026-03-01T09:00:00Z",
      });
      return NEVER;
    }
    return date;
  }),
);

/** Exercise ids: URL-safe, 1–100 characters (as the workouts catalog names them). */
const exerciseIdSchema = v.pipe(
  v.string("must be a string"),
  v.regex(/^[A-Za-z0-9_-]{1,100}$/, "must be an id: 1–100 letters, digits, '-' or '_'"),
);

/** `POST /v1/analytics/reports`. */
export const reportRequestSchema = v.pipe(
  v.object({
    kind: v.picklist(reportKinds, `must be one of ${reportKinds.join(", ")}`),
    from: instantSchema,
    to: instantSchema,
    exerciseId: v.optional(exerciseIdSchema),
  }),
  v.forward(
    v.check((input) => input.from.getTime() <= input.to.getTime(), "must not be before from"),
    ["to"],
  ),
  v.forward(
    v.check(
      (input) => (input.kind === "exercise_history") === (input.exerciseId !== undefined),
      "is required for exercise_history reports, and only for them",
    ),
    ["exerciseId"],
  ),
);

/** A validated report request. */
export type ReportRequest = v.InferOutput<typeof reportRequestSchema>;

/** What a report's stored `params` hold (the request, with RFC 3339 UTC strings). */
export const reportParamsSchema = v.object({
  from: v.pipe(v.string(), v.isoTimestamp()),
  to: v.pipe(v.string(), v.isoTimestamp()),
  exerciseId: v.optional(v.string()),
});

/** A report's stored parameters. */
export type ReportParams = v.InferOutput<typeof reportParamsSchema>;

/** A personal record as the summary shows it. */
export interface RecordBody {
  exerciseId: string;
  kind: string;
  value: number;
  achievedAt: string;
}

/** `GET /v1/analytics/summary`. */
export interface SummaryBody {
  totalSessions: number;
  totalVolumeKg: number;
  currentStreakDays: number;
  longestStreakDays: number;
  personalRecords: RecordBody[];
  weekly: { weekStart: string; sessions: number; volumeKg: number }[];
}

/** `GET /v1/analytics/reports/:id`. */
export interface ReportBody {
  id: string;
  kind: ReportKind;
  status: "pending" | "ready" | "failed";
  result: unknown;
  createdAt: string;
  completedAt: string | null;
}

/** `GET /v1/admin/analytics/overview`. */
export interface OverviewBody {
  users: { total: number; active1d: number; active7d: number; active30d: number };
  signupsByDay: { date: string; count: number }[];
  sessionsByDay: { date: string; count: number }[];
  /**
   * Net revenue per UTC day and currency, days with none left out: payments
   * on the day they succeeded, refunds (negative) on the day they were made.
   */
  revenueByDay: { date: string; amountCents: number; currency: string }[];
  /** Members with a payment that succeeded in the last 30 UTC days. */
  payingUsers: number;
}
