/**
 * Wire schemas of the webhooks worker: what its routes accept and answer.
 * Messages never echo the input.
 *
 * @module
 */
import * as v from "valibot";
import { idPattern } from "../../shared/http/path_id.ts";
import { cursorParam, limitParam } from "../../shared/http/paging.ts";
import { jsonObject } from "../../shared/http/json_object.ts";
import { webhookEventTypes } from "./public_events.ts";
import type { ListPosition } from "./subscription_store.ts";

const url = v.pipe(
  v.string("must be a string"),
  v.minLength(1, "is required"),
  v.maxLength(2048, "must be at most 2048 characters"),
);
const events = v.pipe(
  v.array(
    v.picklist(webhookEventTypes, `must be one of ${webhookEventTypes.join(", ")}`),
    "must be an array of event types",
  ),
  v.minLength(1, "must name at least one event"),
  v.check((list) => new Set(list).size === list.length, "must not repeat an event"),
);
const description = v.pipe(
  v.string("must be a string"),
  v.maxLength(500, "must be at most 500 characters"),
);

/** `POST /v1/webhooks`. */
export const createSubscriptionSchema = jsonObject({
  url,
  events,
  description: v.optional(description),
}, "must be an object with url and events");
export type CreateSubscription = v.InferOutput<typeof createSubscriptionSchema>;

/** `PATCH /v1/webhooks/:id`: any of url, events, description (null clears it), enabled. */
export const updateSubscriptionSchema = v.pipe(
  jsonObject({
    url: v.optional(url),
    events: v.optional(events),
    description: v.optional(v.nullable(description)),
    enabled: v.optional(v.boolean("must be true or false")),
  }, "must be an object with url, events, description or enabled"),
  v.check((patch) => Object.keys(patch).length > 0, "must change at least one field"),
);
export type UpdateSubscription = v.InferOutput<typeof updateSubscriptionSchema>;

const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A list cursor of kind `k`: (created_at to the microsecond, id), newest first. */
function listCursor(k: string) {
  return v.pipe(
    v.strictObject({
      k: v.literal(k),
      t: v.pipe(v.string(), v.regex(timePattern), v.check((t) => !Number.isNaN(Date.parse(t)))),
      i: v.pipe(v.string(), v.regex(idPattern)),
    }),
    v.transform((c): ListPosition => ({ at: c.t, id: c.i })),
  );
}

/** The cursor of the page after one ending at `last`. */
export const cursorOf = {
  subscriptions: (last: ListPosition) => ({ k: "wh", t: last.at, i: last.id }),
  deliveries: (last: ListPosition) => ({ k: "wd", t: last.at, i: last.id }),
};

/** `GET /v1/webhooks`: `limit`, `cursor`. */
export const subscriptionsQuerySchema = v.object({
  limit: limitParam,
  cursor: cursorParam(listCursor("wh")),
});

/** `GET /v1/webhooks/:id/deliveries`: `limit`, `cursor`. */
export const deliveriesQuerySchema = v.object({
  limit: limitParam,
  cursor: cursorParam(listCursor("wd")),
});

/** A page request after decoding. */
export interface PageQuery {
  limit: number;
  cursor?: ListPosition;
}
