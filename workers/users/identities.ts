/**
 * The auth worker as the users worker needs it: closing an identity when a
 * member deletes their account. Auth removes the profile (through this
 * worker's `/internal/profiles/:userId`), then the identity, and revokes the
 * tokens last: until the whole closing succeeded, the member's token still
 * works, so a retried `DELETE /v1/me` finishes whatever step failed.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import { createAuthClient } from "../auth/client.ts";

/** What the users worker asks of the auth worker. */
export interface IdentityDirectory {
  /**
   * Deletes the profile and the identity, then revokes the tokens; already gone counts as done.
   * 503 otherwise: the closing may have stopped half-way, and a retry finishes it.
   */
  deleteIdentity(userId: string, options: { requestId: string }): Promise<void>;
}

/** The auth worker behind `binding`, through its typed client. */
export function identitiesOverBinding(binding: ServiceBinding, log: Logger): IdentityDirectory {
  return {
    async deleteIdentity(userId, { requestId }) {
      const identity = createAuthClient(binding, { requestId }).internal.identities[":userId"];
      let status: number;
      try {
        const response = await identity.$delete({ param: { userId: encodeURIComponent(userId) } });
        await response.body?.cancel();
        status = response.status;
      } catch (error) {
        log.warn("auth unreachable", { requestId, error: describeError(error) });
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
    platformProblems.SERVICE_UNAVAILABLE,
    "The account could not be closed completely; your sign-in still works, so try again.",
    { headers: { "retry-after": "1" }, cause },
  );
}
