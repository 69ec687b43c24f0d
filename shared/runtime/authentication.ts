/**
 * Builds what a worker needs to authenticate callers: a verifier over the
 * auth worker's JWKS (fetched through its binding) and the shared revocation
 * list, and API keys resolved through the auth worker behind a short cache
 * (shared/auth/api_keys.ts). The same wiring serves the embedded default,
 * split and production.
 *
 * @module
 */
import { describeError } from "../logging/describe_error.ts";
import { cachedJwks, type JwksFetch } from "../auth/key_source.ts";
import { type ApiKeyLookup, cachedApiKeyLookup } from "../auth/api_keys.ts";
import { createRevocationList } from "../auth/revocations.ts";
import { createTokenVerifier } from "../auth/verifier.ts";
import type { ServiceBinding } from "../bindings/service_binding.ts";
import type { Logger } from "../logging/logger.ts";
import type { AuthenticationDeps } from "./deps.ts";
import type { PlatformStores } from "./stores.ts";

/** The namespace of the key-value store that every worker shares for revocations. */
export const revocationsNamespace = "revocations";

/**
 * The calls a process makes to the auth worker to authenticate callers, over
 * its binding: `authCalls` of workers/auth/client.ts (shared/ cannot import it).
 */
export interface AuthCalls {
  /** Looks API keys up. */
  apiKeys: (auth: ServiceBinding) => ApiKeyLookup;
  /** Reads the published signing keys. */
  jwks: (auth: ServiceBinding) => JwksFetch;
}

/** A verifier and revocation list for one process. */
export function createAuthentication(
  auth: ServiceBinding,
  stores: Pick<PlatformStores, "kvFor">,
  options: { now?: () => Date; log?: Logger; authCalls: AuthCalls },
): AuthenticationDeps {
  const revocations = createRevocationList(stores.kvFor(revocationsNamespace));
  const keys = cachedJwks(options.authCalls.jwks(auth), {
    // Verifiers keep their last keys through an auth outage; the operator still wants to know.
    onRefreshError: (error) =>
      options.log?.warn("JWKS refresh failed; keeping the last keys", {
        error: describeError(error),
      }),
  });
  return {
    revocations,
    verifier: createTokenVerifier({
      keys,
      revocations,
      now: options.now ?? (() => new Date()),
      apiKeys: cachedApiKeyLookup(options.authCalls.apiKeys(auth), {
        now: options.now && (() => options.now!().getTime()),
      }),
    }),
  };
}
