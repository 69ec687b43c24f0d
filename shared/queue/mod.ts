/**
 * The message queue: integration events from an outbox relay to consumer
 * workers, with retries, dead letters and replay. Deno KV's queue when
 * embedded (`createDenoKvQueue`), QStash in production (`createQStashQueue`).
 *
 * Every consumer receives `POST /queue/deliveries` (`deliveryPath`) with the
 * JSON `EventMessage`, signed as QStash signs (`Upstash-Signature`), and
 * verifies it the same way whichever adapter sent it (`createDeliveryVerifier`,
 * `verifiedDeliveries`). A non-2xx answer asks for a retry.
 *
 * @module
 */

export {
  checkPublishOptions,
  type DeadLetter,
  type DeadLetters,
  defaultRetries,
  deliveryHeaders,
  deliveryPath,
  type EventMessage,
  isEventMessage,
  type MessageQueue,
  type PublishOptions,
} from "./port.ts";
export {
  bodyHash,
  createDeliveryVerifier,
  type DeliveryEnv,
  type DeliveryVerifier,
  type DeliveryVerifierOptions,
  queueProblems,
  signDelivery,
  type SignDeliveryOptions,
  verifiedDeliveries,
  type VerifiedDelivery,
} from "./signature.ts";
export {
  createDenoKvQueue,
  type DenoKvQueue,
  type DenoKvQueueOptions,
  embeddedDeliveryUrl,
} from "./deno_kv_queue.ts";
export { createQStashQueue, type QStashQueue, type QStashQueueOptions } from "./qstash_queue.ts";
