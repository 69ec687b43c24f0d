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
 *   `SessionLogged` event in the outbox (its contract: ./contracts.ts).
 * - `UserDeleted` (account deletion, through the queue): erases the member's
 *   plans, sessions and bests.
 *
 * @module
 */
import { Counter } from "prom-client";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import { withCaches } from "./cache.ts";
import { consumerRoutes, on } from "../../shared/events/consumer.ts";
import { UserDeleted } from "../auth/contracts.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { outbox, processedMessages } from "./tables.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { createWorkoutsRepository } from "./repository.ts";
import { createWorkoutsRoutes } from "./routes.ts";
import { createWorkoutsService } from "./service.ts";

/** What the workouts worker needs. */
export type WorkoutsDeps = DomainDeps & {
  /** The key-value cache of catalog and plan reads; on unless `enabled: false` (cold benchmarks). */
  cache?: { enabled: boolean };
  /** Verifies queue deliveries; with it the worker consumes `UserDeleted` (erases the member's data). */
  deliveries?: DeliveryVerifier;
};

/** The workouts worker's Hono app; no side effects until it serves a request. */
export function createWorkoutsWorker(deps: WorkoutsDeps) {
  const metrics = createWorkerMetrics("workouts");
  const now = deps.now ?? (() => new Date());
  const caching = deps.cache?.enabled ?? true;
  const lookups = caching
    ? new Counter({
      name: "fitconnect_cache_lookups_total",
      help: "Key-value cache lookups of the workouts worker, by cache and result.",
      labelNames: ["cache", "result"] as const,
      registers: [metrics.registry],
    })
    : undefined;
  /** The repository over `db` (the worker's, or a delivery's transaction), cached when on. */
  const repositoryOver = (db: Database) => {
    const repository = createWorkoutsRepository(db);
    return lookups
      ? withCaches(repository, {
        kv: deps.kv,
        log: deps.log.with({ worker: "workouts" }),
        now,
        onLookup: (cache, hit) => lookups.inc({ cache, result: hit ? "hit" : "miss" }),
      })
      : repository;
  };
  const repository = repositoryOver(deps.postgres.db);
  const sessionsLogged = new Counter({
    name: "fitconnect_sessions_logged_total",
    help: "Workout sessions logged (a retried log of the same session counts once).",
    registers: [metrics.registry],
  });
  const personalRecords = new Counter({
    name: "fitconnect_personal_records_total",
    help: "Personal records set by logged sessions.",
    registers: [metrics.registry],
  });
  const service = createWorkoutsService({
    repository,
    now,
    sessionLogged(records) {
      sessionsLogged.inc();
      if (records > 0) personalRecords.inc(records);
    },
  });
  const app = createDomainApp("workouts", deps, metrics)
    .route("/", createWorkoutsRoutes(service, deps.verifier));
  if (deps.deliveries) {
    app.route(
      "/",
      consumerRoutes({
        worker: "workouts",
        db: deps.postgres.db,
        processed: processedMessages,
        verifier: deps.deliveries,
        log: deps.log.with({ worker: "workouts" }),
        registry: metrics.registry,
        handlers: [
          // Inside the delivery's transaction: with one PGlite connection, a
          // query outside it would wait for the transaction forever.
          on(UserDeleted, async ({ userId }, tx) => {
            await repositoryOver(tx).eraseUser(userId);
          }),
        ],
      }),
    );
  }
  // SessionLogged goes out from here.
  return Object.assign(
    app,
    eventProducer({
      db: deps.postgres.db,
      table: outbox,
      log: deps.log.with({ worker: "workouts" }),
      registry: metrics.registry,
    }),
  );
}

/** The app's type, for typed clients (`hc<WorkoutsApp>`). */
export type WorkoutsApp = ReturnType<typeof createWorkoutsWorker>;
