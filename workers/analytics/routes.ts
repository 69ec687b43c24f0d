/**
 * The analytics worker's HTTP surface: a member's summary and reports, and
 * the admin overview. HTTP only; the use cases live in ./service.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { requireAuth, requireRole } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { jsonBody } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { reportRequestSchema } from "./schema.ts";
import type { AnalyticsService } from "./service.ts";
import { analyticsDocs } from "./route_docs.ts";

/** The analytics routes over `service`, authenticating callers with `verifier`. */
export function createAnalyticsRoutes(service: AnalyticsService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .get("/v1/analytics/summary", analyticsDocs.summary, authenticated, async (c) => {
      return c.json(await service.summary(c.get("auth").sub), 200);
    })
    .post(
      "/v1/analytics/reports",
      analyticsDocs.requestReport,
      authenticated,
      jsonBody(reportRequestSchema),
      async (c) => {
        const report = await service.requestReport(c.get("auth").sub, c.req.valid("json"));
        return c.json({ id: report.id, status: report.status }, 202, {
          location: `/v1/analytics/reports/${report.id}`,
        });
      },
    )
    .get("/v1/analytics/reports/:id", analyticsDocs.getReport, authenticated, async (c) => {
      return c.json(await service.getReport(c.get("auth").sub, c.req.param("id")), 200);
    })
    .get(
      "/v1/admin/analytics/overview",
      analyticsDocs.overview,
      authenticated,
      requireRole("admin"),
      async (c) => {
        return c.json(await service.overview(), 200);
      },
    );
}
