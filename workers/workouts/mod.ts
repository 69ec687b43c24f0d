/**
 * The workouts worker owns the exercise catalog, workout plans and logged
 * sessions with personal records. Its tables live in the `workouts` Postgres
 * schema (./tables.ts); the catalog is seeded by migration (./catalog/).
 *
 * - `GET /v1/exercises` (public; `q` prefix search over name words,
 *   `muscle` = a primary muscle, `equipment`, `category`) and
 *   `GET /v1/exercises/:id`: `Cache-Control: public, max-age=300` with a
 *   strong ETag, and cached on the key-value store (./cache.ts).
 * - `GET /v1/workouts` (templates, plus the caller's own plans when
 *   authenticated), `GET /v1/workouts/:id`, and `POST`/`PATCH`/`DELETE` of a
 *   member's own plans (templates are read-only: 403).
 * - `POST /v1/sessions` (idempotent by `clientId`), `GET /v1/sessions`,
 *   `GET /v1/sessions/:id`: volume and personal records (./records.ts), and a
 *   `SessionLogged` event in the outbox (./events.ts).
 * - `DELETE /internal/users/:userId/data`: erases a member's plans, sessions
 *   and bests (account deletion; see ./client.ts).
 *
 * @module
 */
import { Counter } from "prom-client";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import { withCaches } from "./cache.ts";
import { createWorkoutsRepository } from "./repository.ts";
import { createWorkoutsRoutes } from "./routes.ts";
import { createWorkoutsService } from "./service.ts";

/** What the workouts worker needs. */
export type WorkoutsDeps = DomainDeps & {
  /** The key-value cache of catalog and plan reads; on unless `enabled: false` (cold benchmarks). */
  cache?: { enabled: boolean };
};

/** The workouts worker's Hono app; no side effects until it serves a request. */
export function createWorkoutsWorker(deps: WorkoutsDeps) {
  const metrics = createWorkerMetrics("workouts");
  const now = deps.now ?? (() => new Date());
  let repository = createWorkoutsRepository(deps.postgres.db);
  if (deps.cache?.enabled ?? true) {
    const lookups = new Counter({
      name: "fitconnect_cache_lookups_total",
      help: "Key-value cache lookups of the workouts worker, by cache and result.",
      labelNames: ["cache", "result"] as const,
      registers: [metrics.registry],
    });
    repository = withCaches(repository, {
      kv: deps.kv,
      log: deps.log.with({ worker: "workouts" }),
      now,
      onLookup: (cache, hit) => lookups.inc({ cache, result: hit ? "hit" : "miss" }),
    });
  }
  const service = createWorkoutsService({ repository, now });
  return createDomainApp("workouts", deps, metrics)
    .route("/", createWorkoutsRoutes(service, deps.verifier));
}

/** The app's type, for typed clients (`hc<WorkoutsApp>`). */
export type WorkoutsApp = ReturnType<typeof createWorkoutsWorker>;
