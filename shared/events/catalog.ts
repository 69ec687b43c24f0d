/**
 * The platform's integration events: their names (past tense), payloads and
 * who consumes them. Producers write them to their outbox; the relay
 * publishes each to every subscribed consumer.
 *
 * @module
 */
import type { EventMessage } from "../queue/port.ts";

/** An account was created (auth). */
export interface UserRegistered {
  userId: string;
  email: string;
  displayName: string;
  /** RFC 3339 UTC. */
  registeredAt: string;
}

/** An account was closed (auth): every worker erases or anonymises what it holds of the user. */
export interface UserDeleted {
  userId: string;
  deletedAt: string;
}

/** A profile changed (users): consumers that need the timezone or display name keep a copy. */
export interface ProfileUpdated {
  userId: string;
  displayName: string;
  timezone: string;
  updatedAt: string;
}

/** A member logged a new session (workouts; never for an offline retry of one). */
export interface SessionLogged {
  sessionId: string;
  userId: string;
  clientId: string;
  /** RFC 3339 UTC. */
  startedAt: string;
  /** RFC 3339 UTC, or null when the client did not say. */
  endedAt: string | null;
  volumeKg: number;
  /** The records this session broke (none for a first log of an exercise). */
  personalRecords: {
    exerciseId: string;
    kind: "max_weight" | "max_reps" | "max_volume" | "estimated_1rm";
    value: number;
  }[];
  /** Each exercise of the session once, in the order first logged. */
  exerciseIds: string[];
}

/** A member asked for a report (analytics, to itself: computed off the request path). */
export interface ReportRequested {
  reportId: string;
  userId: string;
}

/** A report is computed (analytics): the member is notified. */
export interface ReportReady {
  reportId: string;
  userId: string;
  kind: string;
}

/** A product's available stock fell to or below its threshold (inventory): admins are told. */
export interface StockLow {
  sku: string;
  name: string;
  available: number;
  threshold: number;
}

/** One line of a paid order, priced by inventory when it was reserved. */
export interface PaidLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** A payment went through (payments): stock is sold, the membership granted. */
export interface PaymentSucceeded {
  paymentId: string;
  userId: string;
  amountCents: number;
  currency: string;
  planId: string | null;
  items: PaidLine[];
  /** RFC 3339 UTC. */
  succeededAt: string;
}

/** A payment was declined or could not complete (payments): its reservation is released. */
export interface PaymentFailed {
  paymentId: string;
  userId: string;
  amountCents: number;
  currency: string;
  /** The provider's decline code or message, safe to show the member. */
  reason: string;
  failedAt: string;
}

/** An admin refunded a payment (payments): revenue is reduced on the day of the refund. */
export interface PaymentRefunded {
  paymentId: string;
  userId: string;
  amountCents: number;
  currency: string;
  refundedAt: string;
}

/** Payloads by event type. */
export interface EventPayloads {
  UserRegistered: UserRegistered;
  UserDeleted: UserDeleted;
  ProfileUpdated: ProfileUpdated;
  SessionLogged: SessionLogged;
  ReportRequested: ReportRequested;
  ReportReady: ReportReady;
  StockLow: StockLow;
  PaymentSucceeded: PaymentSucceeded;
  PaymentFailed: PaymentFailed;
  PaymentRefunded: PaymentRefunded;
}

/** A message of a known type. */
export type PlatformEvent<T extends keyof EventPayloads> = EventMessage<EventPayloads[T]> & {
  type: T;
};

/** Which consumer workers hear which event. */
export const subscriptions = {
  UserRegistered: ["notifications", "analytics"],
  UserDeleted: ["workouts", "notifications", "analytics", "payments", "inventory"],
  ProfileUpdated: ["analytics", "notifications"],
  SessionLogged: ["notifications", "analytics"],
  ReportRequested: ["analytics"],
  ReportReady: ["notifications"],
  StockLow: ["notifications"],
  PaymentSucceeded: ["notifications", "analytics"],
  PaymentFailed: ["notifications"],
  PaymentRefunded: ["notifications", "analytics"],
} as const satisfies Record<keyof EventPayloads, readonly string[]>;

/** Every worker that consumes some event. */
export const consumerWorkers = [...new Set(Object.values(subscriptions).flat())];
