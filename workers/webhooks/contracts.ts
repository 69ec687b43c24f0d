/**
 * What other workers may know of the webhooks worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { webhooksProblems } from "./problems.ts";

/**
 * One attempt of a delivery is due (webhooks, to itself, through the queue:
 * the first attempt from the outbox, later ones published with their
 * backoff delay). An attempt happens once: no version.
 */
export const WebhookAttemptDue = defineEvent(
  "WebhookAttemptDue",
  v.object({
    deliveryId: eventFields.id,
    /** 1 for the first attempt; the attempt runs only if it is the delivery's next. */
    attempt: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
    /** A replay by the owner: one attempt, no retries after it. */
    replay: v.boolean(),
  }),
);
export type WebhookAttemptDue = PayloadOf<typeof WebhookAttemptDue>;

/**
 * The platform disabled a subscription that kept failing: its owner is told.
 * It is disabled once until re-enabled: no version.
 */
export const WebhookDisabled = defineEvent(
  "WebhookDisabled",
  v.object({
    subscriptionId: eventFields.id,
    userId: eventFields.id,
    url: v.pipe(v.string(), v.maxLength(2048)),
    failedDeliveries: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
    disabledAt: eventFields.instant,
  }),
);
export type WebhookDisabled = PayloadOf<typeof WebhookDisabled>;
