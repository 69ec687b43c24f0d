/**
 * What analytics does with each event it hears, one handler per type, each
 * run by the consumer (shared/events/consumer.ts) in the transaction that
 * records the event as processed. A payload analytics cannot read throws:
 * the queue retries it and, in the end, dead-letters it for operators.
 *
 * @module
 */
import * as v from "valibot";
import type { EventHandler } from "../../shared/events/consumer.ts";
import type { EventMessage } from "../../shared/queue/port.ts";
import { isTimeZone } from "./calendar.ts";
import { consumedPayloads } from "./events.ts";
import { eraseUser, recordRevenue, recordSession, setTimezone, upsertMember } from "./facts.ts";
import { completeReport } from "./reports.ts";

/** The event types analytics consumes. */
export type AnalyticsHandledType = keyof typeof consumedPayloads;

/** What the handlers need. */
export interface AnalyticsHandlerOptions {
  /** The clock (report completion times); default the system's. */
  now?: () => Date;
}

function payloadOf<T extends AnalyticsHandledType>(
  type: T,
  message: EventMessage,
): v.InferOutput<typeof consumedPayloads[T]> {
  const result = v.safeParse(consumedPayloads[type], message.payload);
  if (!result.success) {
    throw new Error(`Cannot handle ${type} ${message.id}: ${v.summarize(result.issues)}`);
  }
  return result.output as v.InferOutput<typeof consumedPayloads[T]>;
}

/** The handlers of every event analytics consumes, by type. */
export function createAnalyticsHandlers(
  options: AnalyticsHandlerOptions = {},
): Record<AnalyticsHandledType, EventHandler> {
  const now = options.now ?? (() => new Date());
  return {
    async UserRegistered(message, tx) {
      const payload = payloadOf("UserRegistered", message);
      await upsertMember(tx, payload.userId, new Date(payload.registeredAt ?? message.occurredAt));
    },
    async ProfileUpdated(message, tx) {
      const payload = payloadOf("ProfileUpdated", message);
      // A zone this runtime cannot use would break every summary: fall back to UTC.
      const timezone = isTimeZone(payload.timezone) ? payload.timezone : "UTC";
      await setTimezone(tx, payload.userId, timezone, new Date(message.occurredAt));
    },
    async SessionLogged(message, tx) {
      const payload = payloadOf("SessionLogged", message);
      await recordSession(tx, {
        sessionId: payload.sessionId,
        userId: payload.userId,
        startedAt: new Date(payload.startedAt),
        volumeKg: payload.volumeKg,
        exerciseIds: payload.exerciseIds,
        personalRecords: payload.personalRecords,
      });
    },
    async UserDeleted(message, tx) {
      await eraseUser(tx, payloadOf("UserDeleted", message).userId);
    },
    async ReportRequested(message, tx) {
      await completeReport(tx, payloadOf("ReportRequested", message).reportId, now());
    },
    async PaymentSucceeded(message, tx) {
      const { succeededAt, ...payment } = payloadOf("PaymentSucceeded", message);
      await recordRevenue(tx, { ...payment, kind: "payment", occurredAt: new Date(succeededAt) });
    },
    async PaymentRefunded(message, tx) {
      const { refundedAt, ...refund } = payloadOf("PaymentRefunded", message);
      await recordRevenue(tx, { ...refund, kind: "refund", occurredAt: new Date(refundedAt) });
    },
  };
}

/** The handlers on the system clock. */
export const analyticsHandlers: Readonly<Record<AnalyticsHandledType, EventHandler>> =
  createAnalyticsHandlers();
