/**
 * The host side of ./remote_queue.ts: `POST /internal/queue/messages`
 * `{ message, options }` publishes to the hosted queue and answers 202.
 * Internal only (the worker app's `/internal/*` guard).
 *
 * @module
 */
import { Hono } from "hono";
import * as v from "valibot";
import { jsonBody } from "../http/validation.ts";
import type { MessageQueue } from "./port.ts";

/** Where producers post their messages. */
const publishPath = "/internal/queue/messages";

const publishSchema = v.object({
  message: v.object({
    id: v.pipe(v.string(), v.minLength(1)),
    type: v.pipe(v.string(), v.minLength(1)),
    occurredAt: v.pipe(v.string(), v.isoTimestamp()),
    payload: v.unknown(),
  }),
  options: v.object({
    consumer: v.pipe(v.string(), v.minLength(1)),
    deduplicationId: v.optional(v.string()),
    delayMs: v.optional(v.pipe(v.number(), v.minValue(0))),
    retries: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5))),
  }),
});

/** The publish route over `queue`. */
export function publishRoute(queue: MessageQueue) {
  return new Hono().post(publishPath, jsonBody(publishSchema), async (c) => {
    const { message, options } = c.req.valid("json");
    await queue.publish(message, options);
    return c.body(null, 202);
  });
}

/** The route's type, for the typed client of ./remote_queue.ts. */
export type PublishRouteApp = ReturnType<typeof publishRoute>;
