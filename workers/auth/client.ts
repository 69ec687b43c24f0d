/**
 * The typed client other workers use to reach the auth worker's internal
 * routes, e.g. the notifications worker finding who to tell about low stock:
 *
 * ```ts
 * const admins = await listAdmins(deps.auth, { requestId }); // ["user-id", …]
 * const auth = createAuthClient(deps.auth, { requestId });
 * await auth.internal.auth.admins.$get(); // 200 { items: [userId…] }
 * ```
 *
 * @module
 */
import type { ApiKeyLookup } from "../../shared/auth/api_keys.ts";
import type { JwksFetch } from "../../shared/auth/key_source.ts";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import {
  answerOf,
  UnexpectedAnswer,
  workerClientFactory,
  type WorkerClientOptions,
} from "../../shared/bindings/worker_client.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { AuthApp } from "./mod.ts";

/** A typed client of the auth worker behind a binding, carrying the caller's request id. */
export const createAuthClient = workerClientFactory<AuthApp>();

/** The auth worker's client type. */
export type AuthClient = ReturnType<typeof createAuthClient>;

/**
 * The ids of every admin. Throws when auth cannot answer (unreachable, or
 * not 200): callers on the queue's path fail the delivery so it is retried.
 */
export async function listAdmins(
  binding: ServiceBinding,
  options: WorkerClientOptions = {},
): Promise<string[]> {
  const response = await createAuthClient(binding, options).internal.auth.admins.$get();
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`Cannot list admins: auth answered ${response.status}`);
  }
  return (await response.json()).items;
}

/**
 * How every verifier looks an API key up (by the SHA-256 of its secret):
 * the live key, or null. An auth worker that answers anything else is
 * unavailable (503), never a refusal of the key.
 */
export function apiKeyLookup(binding: ServiceBinding): ApiKeyLookup {
  const auth = createAuthClient(binding);
  return async (secretHash) => {
    const response = await auth.internal["api-keys"].resolve.$post({ json: { secretHash } });
    try {
      const answer = await answerOf(response, [404]);
      return answer.ok ? answer.value : null;
    } catch (error) {
      if (!(error instanceof UnexpectedAnswer)) throw error;
      throw new Problem(
        platformProblems.SERVICE_UNAVAILABLE,
        "API keys cannot be checked right now; try again shortly.",
        { headers: { "retry-after": "1" }, cause: error },
      );
    }
  };
}

/** How every verifier reads the auth worker's published keys (`GET /.well-known/jwks.json`). */
export function jwksOf(binding: ServiceBinding): JwksFetch {
  const auth = createAuthClient(binding);
  return async () => {
    const response = await auth[".well-known"]["jwks.json"].$get();
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`Cannot fetch JWKS: auth answered ${response.status}`);
    }
    return await response.json();
  };
}

/**
 * What every process authenticates callers with: these calls to the auth
 * worker (the `AuthCalls` of shared/runtime/authentication.ts, which checks
 * the shape where it is passed; importing it here would pull the stores into
 * every client of this worker, the web app's type check included).
 */
export const authCalls = { apiKeys: apiKeyLookup, jwks: jwksOf };
