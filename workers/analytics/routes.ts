/**
 * The analytics worker's HTTP surface: a member's summary and reports, and
 * the admin overview. HTTP only; the use cases live in ./service.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { requireAuth, requireRole, requireScope } from "../../shared/auth/middleware.ts";
import { etagged } from "../../shared/http/etag.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { jsonBody } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { reportRequestSchema } from "./schema.ts";
import type { AnalyticsService } from "./service.ts";
import { analyticsDocs } from "./route_docs.ts";

/** The analytics routes over `service`, authenticating callers with `verifier`. */
export function createAnalyticsRoutes(service: AnalyticsService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);
  // Requesting a report computes over the member's own data: reading, as far as scopes go.
  const reads = [authenticated, requireScope("analytics:read")] as const;

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .get("/v1/analytics/summary", analyticsDocs.summary, ...reads, etagged, async (c) => {
      return c.json(await service.summary(c.get("auth").sub), 200);
    })
    .post(
      "/v1/analytics/reports",
      analyticsDocs.requestReport,
      ...reads,
      jsonBody(reportRequestSchema),
      async (c) => {
        const report = await service.requestReport(c.get("auth").sub, c.req.valid("json"));
        return c.json({ id: report.id, status: report.status }, 202, {
          location: `/v1/analytics/reports/${report.id}`,
        });
      },
    )
    .get("/v1/analytics/reports/:id", analyticsDocs.getReport, ...reads, etagged, async (c) => {
      return c.json(await service.getReport(c.get("auth").sub, c.req.param("id")), 200);
    })
    .get(
      "/v1/admin/analytics/overview",
      analyticsDocs.overview,
      ...reads,
      requireRole("admin"),
      etagged,
      async (c) => {
        return c.json(await service.overview(), 200);
      },
    );
}
