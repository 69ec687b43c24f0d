/**
 * The push port. The worker decides whether to push (./channels.ts), what
 * to say and where tapping leads (./push_channel.ts); an adapter (Expo's
 * push service, ./expo_push.ts) only sends and reads receipts.
 *
 * @module
 */

/** One push to one device, in the shape of Expo's push API. */
export interface PushMessage {
  /** The device's Expo push token. */
  to: string;
  title: string;
  body: string;
  /**
   * What the app reads when the member taps it: `url` (a `fitconnect://`
   * deep link), `notificationId` (null when the inbox is off), `type`, and
   * the notification's own data.
   */
  data: Record<string, unknown>;
  sound: "default";
}

/** Why Expo refused one message or one delivery (`details.error`), e.g. `DeviceNotRegistered`. */
export interface PushError {
  status: "error";
  message: string;
  details?: { error?: string };
}

/** Expo's answer for one message: a ticket id to ask for its receipt, or an error. */
export type PushTicket = { status: "ok"; id: string } | PushError;

/** Whether Apple or Google took a message (`ok`), or why not. */
export type PushReceipt = { status: "ok" } | PushError;

/** Sends pushes and reads receipts; rejects when the service did not answer (the queue retries). */
export interface PushSender {
  /** One ticket per message, in order. */
  send(messages: readonly PushMessage[]): Promise<PushTicket[]>;
  /** The receipts Expo has for these ticket ids (not ready yet: absent). */
  receipts(ticketIds: readonly string[]): Promise<Record<string, PushReceipt>>;
}

/** True when Expo says the token no longer reaches a device: it is forgotten. */
export function deviceIsGone(answer: PushTicket | PushReceipt): boolean {
  return answer.status === "error" && answer.details?.error === "DeviceNotRegistered";
}
