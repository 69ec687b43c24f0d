/**
 * The webhooks domain's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the webhooks worker raises (401, 403 and 422 come from `platformProblems`). */
export const webhooksProblems = defineProblems({
  WEBHOOK_NOT_FOUND: { status: 404, title: "Webhook subscription not found" },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, title: "Webhook delivery not found" },
  WEBHOOK_EVENT_FORBIDDEN: { status: 403, title: "Webhook event not allowed" },
});
