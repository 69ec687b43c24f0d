/**
 * The auth worker's own settings, parsed by its entrypoint and by the
 * embedded default.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { JWK } from "jose";
import * as v from "valibot";
import type { Logger } from "../../shared/logging/logger.ts";
import type { AdminOutcome } from "./admin.ts";
import type { AuthLimits } from "./service.ts";

const wholeNumber = (label: string) =>
  v.pipe(v.string(), v.transform(Number), v.integer(label), v.minValue(1, label));

/** Environment entries of the auth worker. */
export const authEntries = {
  /** A JSON array of private Ed25519 (OKP) JWKs with `kid`; the first signs, all are published. */
  FITCONNECT_AUTH_SIGNING_KEYS: v.optional(
    v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        try {
          const keys = JSON.parse(dataset.value);
          if (Array.isArray(keys) && keys.length > 0) return keys as JWK[];
        } catch {
          // Reported below, without echoing the secret.
        }
        addIssue({ message: "a JSON array of private JWKs" });
        return NEVER;
      }),
    ),
  ),
  FITCONNECT_AUTH_IP_LIMIT: v.optional(wholeNumber("a whole number of requests a minute"), "100"),
  FITCONNECT_AUTH_HASH_WORKERS: v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.integer("a whole number"),
      v.minValue(0, "0 or more"),
    ),
  ),
  FITCONNECT_ADMIN_EMAIL: v.optional(v.pipe(v.string(), v.email("an email address"))),
  FITCONNECT_ADMIN_PASSWORD: v.optional(
    v.pipe(v.string(), v.minLength(12, "at least 12 characters")),
  ),
};

/** The parsed settings. */
export type AuthConfig = v.InferOutput<v.ObjectSchema<typeof authEntries, undefined>>;

/** The limits these settings ask for. */
export function authLimitsFrom(config: AuthConfig): Partial<AuthLimits> {
  return { perIp: { limit: config.FITCONNECT_AUTH_IP_LIMIT, windowMs: 60_000 } };
}

/**
 * The first admin: the configured one, or (embedded stores only) a generated
 * one, shown once. A configured email that belongs to an existing account is
 * promoted only with that account's own password (see ./admin.ts); a refusal
 * is logged as a warning there and is final, so it is not retried.
 */
export async function bootstrapAdmin(
  ensureAdmin: (account: { email: string; password: string } | undefined) => Promise<AdminOutcome>,
  config: AuthConfig,
  options: { generate: boolean; log: Logger },
): Promise<void> {
  const { FITCONNECT_ADMIN_EMAIL: email, FITCONNECT_ADMIN_PASSWORD: password } = config;
  if ((email === undefined) !== (password === undefined)) {
    options.log.warn(
      "admin not created: set FITCONNECT_ADMIN_EMAIL and FITCONNECT_ADMIN_PASSWORD together",
    );
    return;
  }
  if (!email && !options.generate) return;
  try {
    const account = email && password ? { email, password } : undefined;
    const outcome = await retrying(() => ensureAdmin(account), 10);
    if (outcome?.outcome === "created" && outcome.password) {
      // Printed once, to the operator's terminal; it is stored only as a hash.
      console.log(
        `\nFitConnect admin created: ${outcome.email} / ${outcome.password}\n` +
          "(shown once; set FITCONNECT_ADMIN_EMAIL and FITCONNECT_ADMIN_PASSWORD to choose it)\n",
      );
    } else if (outcome?.outcome === "created" || outcome?.outcome === "promoted") {
      options.log.info(`admin ${outcome.outcome}`, { email: outcome.email });
    }
  } catch (error) {
    options.log.error("admin bootstrap failed", { error: describeError(error) });
  }
}

/** Retries `task` (e.g. while the users worker of a split start is still booting). */
async function retrying<T>(task: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
