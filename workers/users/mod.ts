/**
 * The users worker owns profiles: display name, bio, units, timezone and goals.
 * Its tables live in the `users` Postgres schema (./tables.ts).
 *
 * Members read and change their own profile at `/v1/me` (with ETags for
 * caching and optimistic concurrency) and close their account there; the auth
 * worker creates, reads and removes profiles through `/internal/profiles/:userId`
 * (see ./client.ts).
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { identitiesOverBinding } from "./identities.ts";
import { createProfileRepository } from "./repository.ts";
import { withProfileCache } from "./profile_cache.ts";
import { withProfileNearCache } from "./profile_near_cache.ts";
import { createUsersRoutes } from "./routes.ts";
import { createUsersService } from "./service.ts";
import { outbox } from "./tables.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";

/** What the users worker needs. */
export type UsersDeps = DomainDeps & {
  /** The auth worker: closing an account deletes its identity there first. */
  auth: ServiceBinding;
};

/** The users worker's Hono app; no side effects until it serves a request. */
export function createUsersWorker(deps: UsersDeps) {
  const service = createUsersService({
    // This process's copy (1 s), then the key-value store's, then Postgres.
    profiles: withProfileNearCache(
      withProfileCache(createProfileRepository(deps.postgres.db), deps.kv),
    ),
    identities: identitiesOverBinding(deps.auth, deps.log.with({ worker: "users" })),
    now: deps.now ?? (() => new Date()),
  });
  const metrics = createWorkerMetrics("users");
  const app = createDomainApp("users", deps, metrics)
    .route("/", createUsersRoutes(service, deps.verifier));
  // ProfileUpdated goes out from here.
  return Object.assign(
    app,
    eventProducer({
      db: deps.postgres.db,
      table: outbox,
      log: deps.log.with({ worker: "users" }),
      registry: metrics.registry,
    }),
  );
}

/** The app's type, for typed clients (`hc<UsersApp>`). */
export type UsersApp = ReturnType<typeof createUsersWorker>;
