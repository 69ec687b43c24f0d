/**
 * The auth worker as the users worker needs it: closing an identity (which
 * deletes its credentials and revokes its tokens) when a member deletes
 * their account.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { Problem } from "../../shared/http/problem.ts";
import type { Logger } from "../../shared/logging/logger.ts";

/** What the users worker asks of the auth worker. */
export interface IdentityDirectory {
  /** Deletes the identity and revokes its tokens; already gone counts as done. 503 otherwise. */
  deleteIdentity(userId: string, options: { requestId: string }): Promise<void>;
}

/** The auth worker behind `binding`. */
export function identitiesOverBinding(binding: ServiceBinding, log: Logger): IdentityDirectory {
  return {
    async deleteIdentity(userId, { requestId }) {
      const request = new Request(
        `http://auth.internal/internal/identities/${encodeURIComponent(userId)}`,
        { method: "DELETE", headers: { "x-request-id": requestId } },
      );
      let status: number;
      try {
        const response = await binding.fetch(request);
        await response.body?.cancel();
        status = response.status;
      } catch (error) {
        log.warn("auth unreachable", { requestId, error: String(error) });
        throw unavailable(error);
      }
      // 404: a retry after a lost answer, or an account closed elsewhere.
      if (status === 404 || (status >= 200 && status < 300)) return;
      log.warn("auth refused to delete an identity", { requestId, status });
      throw unavailable();
    },
  };
}

function unavailable(cause?: unknown): Problem {
  return new Problem(
    "SERVICE_UNAVAILABLE",
    "The account cannot be closed right now; nothing was deleted. Try again.",
    { headers: { "retry-after": "1" }, cause },
  );
}
