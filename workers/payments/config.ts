/**
 * The payments worker's provider settings, parsed by its entrypoint (and by
 * the embedded default when it wires them):
 *
 * - `STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET` (both or neither): talk
 *   to Stripe, and verify its webhooks with the endpoint's secret.
 * - `STRIPE_API_URL` (with them, optional): where Stripe's API is, for a
 *   stand-in such as `stripe-mock` or the bench's (tools/bench/stripe_standin.ts);
 *   `https://api.stripe.com` when absent.
 * - Otherwise the offline provider (Stripe's test mode without the network),
 *   signing its webhooks with `FITCONNECT_STRIPE_WEBHOOK_SECRET`, or with a
 *   secret generated at start (it signs and verifies in the same process).
 *
 * @module
 */
import * as v from "valibot";
import { randomSecret } from "../../shared/runtime/secret.ts";
import type { StripeProviderOptions } from "./providers/stripe.ts";

/** How payments reach the provider. */
export interface PaymentsProviderOptions {
  /** The endpoint secret (`whsec_...`) webhooks are verified with (and the offline provider signs with). */
  webhookSecret: string;
  /** Stripe's API (`STRIPE_SECRET_KEY`); without it, the offline provider. */
  stripe?: StripeProviderOptions;
  /** Delays between the offline provider's webhook delivery attempts (ms). */
  webhookRetryDelaysMs?: number[];
}

/** Environment entries of the payments worker (for `parseConfig`). */
export const paymentsEntries = {
  STRIPE_SECRET_KEY: v.optional(
    v.pipe(v.string(), v.regex(/^(sk|rk)_(test|live)_\S+$/, "a Stripe secret key (sk_...)")),
  ),
  STRIPE_WEBHOOK_SECRET: v.optional(
    v.pipe(v.string(), v.regex(/^whsec_\S+$/, "a Stripe webhook secret (whsec_...)")),
  ),
  STRIPE_API_URL: v.optional(
    v.pipe(v.string(), v.url("an http(s) URL"), v.regex(/^https?:\/\//i, "an http(s) URL")),
  ),
  FITCONNECT_STRIPE_WEBHOOK_SECRET: v.optional(
    v.pipe(v.string(), v.minLength(16, "at least 16 characters")),
  ),
};

/** The payments settings, with Stripe's two keys required together. */
export const paymentsConfigSchema = v.pipe(
  v.object(paymentsEntries),
  v.forward(
    v.check(
      (config) => !config.STRIPE_SECRET_KEY || !!config.STRIPE_WEBHOOK_SECRET,
      "set with STRIPE_SECRET_KEY",
    ),
    ["STRIPE_WEBHOOK_SECRET"],
  ),
  v.forward(
    v.check(
      (config) => !config.STRIPE_WEBHOOK_SECRET || !!config.STRIPE_SECRET_KEY,
      "set with STRIPE_WEBHOOK_SECRET",
    ),
    ["STRIPE_SECRET_KEY"],
  ),
);

/** The parsed settings. */
export type PaymentsConfig = v.InferOutput<v.ObjectSchema<typeof paymentsEntries, undefined>>;

/** The provider these settings ask for. */
export function providerFrom(config: PaymentsConfig): PaymentsProviderOptions {
  if (config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET) {
    return {
      stripe: { secretKey: config.STRIPE_SECRET_KEY, ...stripeEndpoint(config.STRIPE_API_URL) },
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    };
  }
  return { webhookSecret: config.FITCONNECT_STRIPE_WEBHOOK_SECRET ?? `whsec_${randomSecret()}` };
}

/** The SDK's host, port and protocol for `STRIPE_API_URL` (none: Stripe's own). */
function stripeEndpoint(apiUrl: string | undefined): Partial<StripeProviderOptions> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  const port = url.port ? Number(url.port) : protocol === "http" ? 80 : 443;
  return { host: url.hostname, port, protocol };
}
