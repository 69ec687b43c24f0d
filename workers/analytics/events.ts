/**
 * Integration events of the analytics worker: the two it publishes through
 * `analytics.outbox` (written in the transaction of the change they
 * announce), and the shapes of the ones it consumes, checked on arrival.
 *
 * @module
 */
import * as v from "valibot";
import type { Database } from "../../shared/stores/postgres/port.ts";
import type { ReportKind } from "./schema.ts";
import { outbox } from "./tables.ts";

/** A member asked for a report (analytics to itself: the computation runs off the request). */
export interface ReportRequested {
  reportId: string;
  /** Whose report: erasing the member erases the event too. */
  userId: string;
}

/** A report is ready to read (analytics to notifications: a `report_ready` notification). */
export interface ReportReady {
  userId: string;
  reportId: string;
  kind: ReportKind;
}

/** Payloads of the events analytics publishes, by type. */
export interface AnalyticsEventPayloads {
  ReportRequested: ReportRequested;
  ReportReady: ReportReady;
}

/** Who hears the events analytics publishes (for the outbox relay's subscriptions). */
export const analyticsSubscriptions = {
  ReportRequested: ["analytics"],
  ReportReady: ["notifications"],
} as const satisfies Record<keyof AnalyticsEventPayloads, readonly string[]>;

/** Writes `type` with `payload` to `analytics.outbox` through `tx`; returns the event id. */
export async function recordAnalyticsEvent<T extends keyof AnalyticsEventPayloads>(
  tx: Database,
  type: T,
  payload: AnalyticsEventPayloads[T],
  createdAt: Date,
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.insert(outbox).values({ id, type, payload, createdAt });
  return id;
}

const text = v.pipe(v.string(), v.minLength(1));
const instant = v.pipe(v.string(), v.isoTimestamp());

/** What analytics reads of each consumed payload (producers may send more). */
export const consumedPayloads = {
  UserRegistered: v.object({ userId: text, registeredAt: v.optional(instant) }),
  ProfileUpdated: v.object({ userId: text, timezone: v.string() }),
  UserDeleted: v.object({ userId: text }),
  SessionLogged: v.object({
    sessionId: text,
    userId: text,
    startedAt: instant,
    volumeKg: v.pipe(v.number(), v.finite()),
    exerciseIds: v.array(v.string()),
    personalRecords: v.array(v.object({
      exerciseId: text,
      kind: text,
      value: v.pipe(v.number(), v.finite()),
    })),
  }),
  ReportRequested: v.object({ reportId: text, userId: v.optional(text) }),
};
