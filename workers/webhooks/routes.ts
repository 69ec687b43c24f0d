/**
 * The webhooks worker's HTTP surface: a member's (or admin's) subscriptions,
 * their secrets, delivery logs and replays. HTTP only; the use cases live in
 * ./service.ts.
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { type AuthEnv, requireAuth } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { pageBody } from "../../shared/http/paging.ts";
import { idPattern, shapedParam } from "../../shared/http/path_id.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import { jsonBody, queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { deliveryBody, subscriptionBody } from "./bodies.ts";
import { webhooksProblems } from "./problems.ts";
import {
  createSubscriptionSchema,
  cursorOf,
  deliveriesQuerySchema,
  subscriptionsQuerySchema,
  updateSubscriptionSchema,
} from "./schema.ts";
import type { WebhooksService } from "./service.ts";
import { webhooksDocs } from "./route_docs.ts";

/** Personal answers (secrets among them): never kept by a shared cache. */
const privateHeaders = { "cache-control": "private, no-store" };

/**
 * API keys (`Bearer fck_…`) cannot manage webhooks, whatever their scopes: a
 * leaked key must not be able to send a member's events somewhere else.
 */
function refuseApiKeys(authorization: string | undefined): void {
  if (/^Bearer fck_/i.test(authorization ?? "")) {
    throw new Problem(
      platformProblems.FORBIDDEN,
      "Webhooks are managed with a signed-in session; API keys cannot manage them.",
    );
  }
}

/** The webhooks routes over `service`, authenticating callers with `verifier`. */
export function createWebhooksRoutes(
  service: WebhooksService,
  verifier: TokenVerifier,
  now: () => Date,
) {
  const verified = requireAuth(verifier);
  const authenticated: MiddlewareHandler<AuthEnv> = (c, next) => {
    refuseApiKeys(c.req.header("authorization"));
    return verified(c, next);
  };
  const subscriptionId = shapedParam(
    "id",
    idPattern,
    () => new Problem(webhooksProblems.WEBHOOK_NOT_FOUND, "No webhook subscription has this id."),
  );
  const deliveryId = shapedParam(
    "deliveryId",
    idPattern,
    () =>
      new Problem(
        webhooksProblems.WEBHOOK_DELIVERY_NOT_FOUND,
        "This subscription has no delivery with this id.",
      ),
  );
  const body = (row: Parameters<typeof subscriptionBody>[0]) => subscriptionBody(row, now());

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .post(
      "/v1/webhooks",
      webhooksDocs.create,
      authenticated,
      jsonBody(createSubscriptionSchema),
      async (c) => {
        const { row, secret } = await service.create(c.get("auth"), c.req.valid("json"));
        return c.json({ ...body(row), secret }, 201, {
          ...privateHeaders,
          location: `/v1/webhooks/${row.id}`,
        });
      },
    )
    .get(
      "/v1/webhooks",
      webhooksDocs.list,
      authenticated,
      queryParams(subscriptionsQuerySchema),
      async (c) => {
        const page = await service.list(c.get("auth"), c.req.valid("query"));
        return c.json(pageBody(page, body, cursorOf.subscriptions), 200, privateHeaders);
      },
    )
    .get("/v1/webhooks/:id", webhooksDocs.get, authenticated, subscriptionId, async (c) => {
      const row = await service.get(c.get("auth"), c.req.param("id"));
      return c.json(body(row), 200, privateHeaders);
    })
    .patch(
      "/v1/webhooks/:id",
      webhooksDocs.update,
      authenticated,
      subscriptionId,
      jsonBody(updateSubscriptionSchema),
      async (c) => {
        const row = await service.update(c.get("auth"), c.req.param("id"), c.req.valid("json"));
        return c.json(body(row), 200, privateHeaders);
      },
    )
    .delete("/v1/webhooks/:id", webhooksDocs.remove, authenticated, subscriptionId, async (c) => {
      await service.remove(c.get("auth"), c.req.param("id"));
      return c.body(null, 204);
    })
    .post(
      "/v1/webhooks/:id/rotate-secret",
      webhooksDocs.rotate,
      authenticated,
      subscriptionId,
      async (c) => {
        const { row, secret } = await service.rotate(c.get("auth"), c.req.param("id"));
        return c.json({ ...body(row), secret }, 200, privateHeaders);
      },
    )
    .get(
      "/v1/webhooks/:id/deliveries",
      webhooksDocs.deliveries,
      authenticated,
      subscriptionId,
      queryParams(deliveriesQuerySchema),
      async (c) => {
        const page = await service.deliveries(
          c.get("auth"),
          c.req.param("id"),
          c.req.valid("query"),
        );
        return c.json(pageBody(page, deliveryBody, cursorOf.deliveries), 200, privateHeaders);
      },
    )
    .post(
      "/v1/webhooks/:id/deliveries/:deliveryId/replay",
      webhooksDocs.replay,
      authenticated,
      subscriptionId,
      deliveryId,
      async (c) => {
        const delivery = await service.replay(
          c.get("auth"),
          c.req.param("id"),
          c.req.param("deliveryId"),
        );
        return c.json({ id: delivery.id, status: delivery.status }, 202, privateHeaders);
      },
    );
}
