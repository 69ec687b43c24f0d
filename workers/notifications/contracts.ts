/**
 * What other workers may know of the notifications worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { notificationsProblems } from "./problems.ts";

/**
 * A notification is due on a member's devices (notifications, to itself:
 * the push goes out through the queue, so Expo being down delays it and
 * retries it without holding back the inbox). Sent once: no version.
 */
export const PushRequested = defineEvent(
  "PushRequested",
  v.object({
    userId: eventFields.id,
    /** The inbox entry tapping opens; null when the member keeps no inbox. */
    notificationId: v.nullable(eventFields.id),
    type: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    title: v.pipe(v.string(), v.maxLength(500)),
    body: v.pipe(v.string(), v.maxLength(2000)),
    data: v.record(v.string(), v.unknown()),
  }),
);
export type PushRequested = PayloadOf<typeof PushRequested>;
