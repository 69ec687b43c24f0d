/**
 * The payments worker's HTTP surface: plans, checkout and confirmation,
 * a member's payments and membership, admin refunds, and Stripe's webhook.
 * HTTP only; the use cases live in ./service.ts and ./webhooks.ts.
 *
 * @module
 */
import { paymentsProblems } from "./problems.ts";
import { Hono, type MiddlewareHandler } from "hono";
import { requireAuth, requireRole } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { Problem } from "../../shared/http/problem.ts";
import { pageBody } from "../../shared/http/paging.ts";
import { jsonBody, queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { rateLimitHeaders } from "../../shared/http/rate_limit.ts";
import { paymentIdParam } from "./path_id.ts";
import {
  checkoutSchema,
  confirmSchema,
  cursorOf,
  idempotencyKeyPattern,
  paymentListQuerySchema,
} from "./schema.ts";
import type { PaymentsService } from "./service.ts";
import { paymentsDocs } from "./route_docs.ts";
import type { WebhookService } from "./webhooks.ts";

type KeyEnv = { Variables: { idempotencyKey: string } };

/** 400 without a usable `Idempotency-Key`; checked before the body, as Stripe does. */
const idempotencyKey: MiddlewareHandler<KeyEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (key === undefined || key === "") {
    throw new Problem(
      paymentsProblems.IDEMPOTENCY_KEY_REQUIRED,
      "Send an Idempotency-Key header (e.g. a UUID) so that a retry cannot pay twice.",
    );
  }
  if (!idempotencyKeyPattern.test(key)) {
    throw new Problem(
      paymentsProblems.IDEMPOTENCY_KEY_INVALID,
      "The Idempotency-Key must be 1 to 255 printable ASCII characters.",
    );
  }
  c.set("idempotencyKey", key);
  await next();
};

/** The payments routes over `service` and `webhooks`, authenticating members with `verifier`. */
export function createPaymentsRoutes(
  service: PaymentsService,
  webhooks: WebhookService,
  verifier: TokenVerifier,
) {
  const authenticated = requireAuth(verifier);
  // After authentication: a stranger learns nothing, not even which ids are well formed.
  const ownPaymentId = paymentIdParam("There is no payment of yours with this id.");
  const anyPaymentId = paymentIdParam("There is no payment with this id.");

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .get(
      "/v1/plans",
      paymentsDocs.plans,
      async (c) => c.json({ items: await service.listPlans() }, 200),
    )
    .post(
      "/v1/payments",
      paymentsDocs.checkout,
      authenticated,
      idempotencyKey,
      jsonBody(checkoutSchema),
      async (c) => {
        const answer = await service.checkout(
          c.get("auth").sub,
          c.get("idempotencyKey"),
          c.req.valid("json"),
        );
        const headers: Record<string, string> = {
          location: `/v1/payments/${answer.payment.id}`,
        };
        if (answer.replayed) headers["idempotent-replayed"] = "true";
        if (answer.rateLimit) Object.assign(headers, rateLimitHeaders(answer.rateLimit));
        return c.json(answer.payment, answer.status as 201, headers);
      },
    )
    .get(
      "/v1/payments",
      paymentsDocs.list,
      authenticated,
      queryParams(paymentListQuerySchema),
      async (c) => {
        const page = await service.list(c.get("auth").sub, c.req.valid("query"));
        const body = pageBody(page, (payment) => payment, cursorOf.payment);
        return c.json(body, 200, { "cache-control": "private, no-store" });
      },
    )
    .get("/v1/payments/:id", paymentsDocs.get, authenticated, ownPaymentId, async (c) => {
      return c.json(await service.get(c.get("auth").sub, c.req.param("id")), 200);
    })
    .post(
      "/v1/payments/:id/confirm",
      paymentsDocs.confirm,
      authenticated,
      ownPaymentId,
      jsonBody(confirmSchema),
      async (c) => {
        const confirmed = await service.confirm(
          c.get("auth").sub,
          c.req.param("id"),
          c.req.valid("json").paymentMethod,
        );
        return c.json(confirmed, 200);
      },
    )
    .get("/v1/me/membership", paymentsDocs.membership, authenticated, async (c) => {
      return c.json(await service.membership(c.get("auth").sub), 200);
    })
    .post(
      "/v1/admin/payments/:id/refund",
      paymentsDocs.refund,
      authenticated,
      requireRole("admin"),
      anyPaymentId,
      async (c) => {
        const { payment, refund } = await service.refund(c.req.param("id"));
        // Accepted: the payment reads `refunded` once the provider's charge.refunded arrives.
        return c.json({ ...payment, refund }, 202);
      },
    )
    .post("/webhooks/stripe", paymentsDocs.stripeWebhook, async (c) => {
      // The signature covers the exact bytes: read them before anything parses the body.
      const raw = await c.req.text();
      const result = await webhooks.handle(raw, c.req.header("stripe-signature") ?? null);
      return c.json({ received: true, result }, 200);
    });
}
