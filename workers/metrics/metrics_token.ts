/**
 * The operator's door to `/metrics`: a bearer token (`FITCONNECT_METRICS_TOKEN`,
 * which Prometheus sends in `authorization`), since the figures there are the
 * business's own (logins, stock per SKU, revenue).
 *
 * @module
 */
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import { sameSecret } from "../../shared/http/middleware/internal_only.ts";

/** Throws unless `authorization` carries `token`: 404 with no token configured, 401 otherwise. */
export function requireMetricsToken(
  authorization: string | undefined,
  token: string | undefined,
  path: string,
): void {
  // Not configured: the route does not exist for the public.
  if (!token) throw new Problem(platformProblems.NOT_FOUND, `No route for GET ${path}.`);
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (given === undefined || !sameSecret(given, token)) {
    throw new Problem(
      platformProblems.UNAUTHENTICATED,
      "Send the metrics token as a bearer token.",
      {
        headers: { "www-authenticate": 'Bearer realm="metrics"' },
      },
    );
  }
}
