/**
 * How each public webhooks route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * Managing webhooks takes a member's own session: API keys cannot (until a
 * `webhooks:manage` scope exists), so a leaked key cannot point the
 * member's events somewhere else.
 *
 * @module
 */
import * as v from "valibot";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { platformProblems } from "../../shared/http/problem.ts";
import { id, instant, named, pageOf } from "../../shared/http/openapi/wire.ts";
import { webhooksProblems } from "./problems.ts";
import { webhookEventTypes } from "./public_events.ts";

const subscriptionEntries = {
  id,
  url: v.string(),
  events: v.array(v.picklist(webhookEventTypes)),
  description: v.nullable(v.string()),
  enabled: v.boolean(),
  disabledReason: v.pipe(
    v.nullable(v.picklist(["failing_deliveries"])),
    v.description("Why the platform disabled it (null when enabled, or disabled by its owner)."),
  ),
  previousSecretExpiresAt: v.pipe(
    v.nullable(instant),
    v.description("After a rotation: until when the previous secret still signs deliveries."),
  ),
  createdAt: instant,
  updatedAt: instant,
};

const example = {
  id: "wh_3f0c2a9d4b8e4c1f9a7d6e5b4c3a2f1e",
  url: "https://example.com/fitconnect/webhooks",
  events: ["session.logged", "personal_record.achieved"],
  description: "Sync to my training log",
  enabled: true,
  disabledReason: null,
  previousSecretExpiresAt: null,
  createdAt: "2026-03-10T12:00:00.000Z",
  updatedAt: "2026-03-10T12:00:00.000Z",
};

const subscription = named("WebhookSubscription", v.object(subscriptionEntries), example);

const withSecret = named(
  "WebhookSubscriptionWithSecret",
  v.object({
    ...subscriptionEntries,
    secret: v.pipe(
      v.string(),
      v.description(
        "The signing secret (Standard Webhooks `whsec_…`), shown this once: verify " +
          "`webhook-signature` with any Standard Webhooks library.",
      ),
    ),
  }),
  { ...example, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
);

const delivery = named(
  "WebhookDelivery",
  v.object({
    id: v.pipe(v.string(), v.description("The `webhook-id`: the same on every attempt.")),
    eventType: v.picklist(webhookEventTypes),
    status: v.picklist(["pending", "succeeded", "failed"]),
    attempts: v.number(),
    nextAttemptAt: v.nullable(instant),
    createdAt: instant,
    log: v.array(v.object({
      attempt: v.number(),
      outcome: v.picklist(["succeeded", "failed", "refused"]),
      responseStatus: v.nullable(v.number()),
      responseExcerpt: v.pipe(
        v.nullable(v.string()),
        v.description("The first 512 bytes of the receiver's answer, or why there was none."),
      ),
      latencyMs: v.number(),
      attemptedAt: instant,
    })),
  }),
);

const replayed = named(
  "WebhookReplay",
  v.object({ id: v.string(), status: v.picklist(["pending", "succeeded", "failed"]) }),
);

const privateHeaders = ["Cache-Control"] as const;
/** Routes on one subscription: unknown or foreign (404), or an API key (403). */
const notFound = [webhooksProblems.WEBHOOK_NOT_FOUND, platformProblems.FORBIDDEN];
const common = { tag: "Webhooks", access: "session" } as const;
/** 403: an API key, which cannot manage webhooks. */
const forbidden = platformProblems.FORBIDDEN;

export const webhooksDocs = {
  create: documented({
    ...common,
    summary: "Subscribe an endpoint to events",
    description: "The URL must be http(s) and resolve to public addresses only. " +
      "`stock.low` is for admins.",
    responses: {
      201: {
        description: "The subscription, with its signing secret (shown once)",
        body: withSecret,
        headers: [...privateHeaders, "Location"],
      },
    },
    problems: [webhooksProblems.WEBHOOK_EVENT_FORBIDDEN, forbidden],
  }),
  list: documented({
    ...common,
    summary: "The caller's webhook subscriptions, newest first",
    responses: {
      200: {
        description: "A page of subscriptions",
        body: pageOf("WebhookSubscriptionPage", subscription),
        headers: [...privateHeaders, "Link"],
      },
    },
    problems: [forbidden],
  }),
  get: documented({
    ...common,
    summary: "One of the caller's webhook subscriptions",
    responses: {
      200: { description: "The subscription", body: subscription, headers: privateHeaders },
    },
    problems: notFound,
  }),
  update: documented({
    ...common,
    summary: "Change a subscription's url, events, description or enabled",
    responses: {
      200: { description: "The subscription", body: subscription, headers: privateHeaders },
    },
    problems: [...notFound, webhooksProblems.WEBHOOK_EVENT_FORBIDDEN],
  }),
  remove: documented({
    ...common,
    summary: "Delete a subscription (its deliveries go with it)",
    responses: { 204: { description: "Deleted" } },
    problems: notFound,
  }),
  rotate: documented({
    ...common,
    summary: "Rotate the signing secret",
    description: "The new secret signs from now; the previous one also signs for 24 h, so " +
      "deliveries carry both signatures meanwhile.",
    responses: {
      200: {
        description: "The subscription, with its new secret (shown once)",
        body: withSecret,
        headers: privateHeaders,
      },
    },
    problems: notFound,
  }),
  deliveries: documented({
    ...common,
    summary: "A subscription's deliveries, newest first, each with its attempts",
    responses: {
      200: {
        description: "A page of deliveries",
        body: pageOf("WebhookDeliveryPage", delivery),
        headers: [...privateHeaders, "Link"],
      },
    },
    problems: notFound,
  }),
  replay: documented({
    ...common,
    summary: "Send a delivery again (one attempt, same webhook-id)",
    responses: { 202: { description: "Queued", body: replayed, headers: privateHeaders } },
    problems: [...notFound, webhooksProblems.WEBHOOK_DELIVERY_NOT_FOUND],
  }),
};
