/**
 * The typed client other workers use to reach the webhooks worker, e.g. a
 * gateway listing a member's subscriptions with the member's own token:
 *
 * ```ts
 * const webhooks = createWebhooksClient(upstreams.webhooks, { requestId, headers });
 * await webhooks.v1.webhooks.$get({ query: {} }); // 200
 * ```
 *
 * @module
 */
import { workerClientFactory } from "../../shared/bindings/worker_client.ts";
import type { WebhooksApp } from "./mod.ts";

/** A typed client of the webhooks worker behind a binding, carrying the caller's request id. */
export const createWebhooksClient = workerClientFactory<WebhooksApp>();

/** The webhooks worker's client type. */
export type WebhooksClient = ReturnType<typeof createWebhooksClient>;
