/**
 * Which consumer workers hear which event: the one table the relays publish
 * by. The payloads are each producer's to declare (`workers/<w>/contracts.ts`).
 *
 * @module
 */

/** Consumers by event type. */
export const subscriptions = {
  UserRegistered: ["notifications", "analytics"],
  UserDeleted: ["workouts", "notifications", "analytics", "payments", "inventory", "webhooks"],
  ProfileUpdated: ["analytics", "notifications"],
  SessionLogged: ["notifications", "analytics", "webhooks"],
  ReportRequested: ["analytics"],
  ReportReady: ["notifications"],
  StockLow: ["notifications", "webhooks"],
  PaymentSucceeded: ["notifications", "analytics", "webhooks"],
  PaymentFailed: ["notifications"],
  PushRequested: ["notifications"],
  PaymentRefunded: ["notifications", "analytics", "webhooks"],
  MembershipChanged: ["webhooks"],
  /** One delivery attempt of an outbound webhook, due now (webhooks, to itself). */
  WebhookAttemptDue: ["webhooks"],
  WebhookDisabled: ["notifications"],
} as const;

/** Every event type of the platform. */
export type EventType = keyof typeof subscriptions;

/** Every worker that consumes some event. */
export const consumerWorkers = [...new Set(Object.values(subscriptions).flat())];
