/**
 * Operators' view of the queue's dead letters: deliveries that exhausted
 * their retries, listed and replayed by admins (`/v1/admin/dead-letters`).
 *
 * @module
 */
import { Hono } from "hono";
import * as v from "valibot";
import { requireAuth, requireRole } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { Problem } from "../../shared/http/problem.ts";
import { limitParam } from "../../shared/http/paging.ts";
import { queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import type { DeadLetters } from "../../shared/queue/port.ts";
import { metricsProblems } from "./problems.ts";
import { metricsDocs } from "./route_docs.ts";

const listQuery = v.object({ limit: limitParam });

/** The admin routes over `deadLetters`. */
export function deadLetterRoutes(deadLetters: DeadLetters, verifier: TokenVerifier) {
  const admin = [requireAuth(verifier), requireRole("admin")] as const;
  return new Hono<WorkerEnv>()
    .get(
      "/v1/admin/dead-letters",
      metricsDocs.listDeadLetters,
      ...admin,
      queryParams(listQuery),
      async (c) => {
        const items = await deadLetters.list({ limit: c.req.valid("query").limit });
        c.header("cache-control", "no-store");
        return c.json({ items, nextCursor: null });
      },
    )
    .post(
      "/v1/admin/dead-letters/:id/replay",
      metricsDocs.replayDeadLetter,
      ...admin,
      async (c) => {
        if (!(await deadLetters.replay(c.req.param("id")))) {
          throw new Problem(
            metricsProblems.DEAD_LETTER_NOT_FOUND,
            "There is no dead letter with this id.",
          );
        }
        return c.body(null, 202);
      },
    );
}
