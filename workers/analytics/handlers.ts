/**
 * What analytics does with each event it hears, one handler per type, each
 * run by the consumer (shared/events/consumer.ts) in the transaction that
 * records the event as processed, with payloads checked against their
 * producers' contracts (one that breaks its contract is dead-lettered).
 *
 * @module
 */
import { on, type Subscription } from "../../shared/events/consumer.ts";
import { UserDeleted, UserRegistered } from "../auth/contracts.ts";
import { PaymentRefunded, PaymentSucceeded } from "../payments/contracts.ts";
import { ProfileUpdated } from "../users/contracts.ts";
import { SessionLogged } from "../workouts/contracts.ts";
import { isTimeZone } from "./calendar.ts";
import { ReportRequested } from "./contracts.ts";
import { eraseUser, recordRevenue, recordSession, setTimezone, upsertMember } from "./facts.ts";
import { completeReport } from "./reports.ts";

/** What the handlers need. */
export interface AnalyticsHandlerOptions {
  /** The clock (report completion times); default the system's. */
  now?: () => Date;
  /** Counts a report that was completed (ready) or could not be (failed). */
  reportCompleted?: (kind: string, status: "ready" | "failed") => void;
}

/** The handlers of every event analytics consumes. */
export function createAnalyticsHandlers(options: AnalyticsHandlerOptions = {}): Subscription[] {
  const now = options.now ?? (() => new Date());
  return [
    on(UserRegistered, async (payload, tx) => {
      await upsertMember(tx, payload.userId, new Date(payload.registeredAt));
    }),
    // Only a newer version of the profile than the one kept (a late event changes nothing).
    on(ProfileUpdated, async (payload, tx, message) => {
      // A zone this runtime cannot use would break every summary: fall back to UTC.
      const timezone = isTimeZone(payload.timezone) ? payload.timezone : "UTC";
      await setTimezone(tx, payload.userId, { timezone, version: payload.version }, {
        seenAt: new Date(message.occurredAt),
      });
    }),
    on(SessionLogged, async (payload, tx) => {
      await recordSession(tx, {
        sessionId: payload.sessionId,
        userId: payload.userId,
        startedAt: new Date(payload.startedAt),
        volumeKg: payload.volumeKg,
        exerciseIds: payload.exerciseIds,
        personalRecords: payload.personalRecords,
      });
    }),
    on(UserDeleted, async (payload, tx) => {
      await eraseUser(tx, payload.userId);
    }),
    on(ReportRequested, async (payload, tx) => {
      const completed = await completeReport(tx, payload.reportId, now());
      if (completed) options.reportCompleted?.(completed.kind, completed.status);
    }),
    on(PaymentSucceeded, async ({ succeededAt, ...payment }, tx) => {
      await recordRevenue(tx, { ...payment, kind: "payment", occurredAt: new Date(succeededAt) });
    }),
    on(PaymentRefunded, async ({ refundedAt, ...refund }, tx) => {
      await recordRevenue(tx, { ...refund, kind: "refund", occurredAt: new Date(refundedAt) });
    }),
  ];
}
