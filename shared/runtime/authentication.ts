/**
 * Builds what a worker needs to authenticate callers: a verifier over the
 * auth worker's JWKS (fetched through its binding) and the shared revocation
 * list. The same wiring serves the embedded default, split and production.
 *
 * @module
 */
import { jwksOverBinding } from "../auth/key_source.ts";
import { createRevocationList } from "../auth/revocations.ts";
import { createTokenVerifier } from "../auth/verifier.ts";
import type { ServiceBinding } from "../bindings/service_binding.ts";
import type { AuthenticationDeps } from "./deps.ts";
import type { PlatformStores } from "./stores.ts";

/** The namespace of the key-value store that every worker shares for revocations. */
export const revocationsNamespace = "revocations";

/** A verifier and revocation list for one process. */
export function createAuthentication(
  auth: ServiceBinding,
  stores: Pick<PlatformStores, "kvFor">,
  now: () => Date = () => new Date(),
): AuthenticationDeps {
  const revocations = createRevocationList(stores.kvFor(revocationsNamespace));
  return {
    revocations,
    verifier: createTokenVerifier({ keys: jwksOverBinding(auth), revocations, now }),
  };
}
