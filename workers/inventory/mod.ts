/**
 * The inventory worker owns shop products and gym equipment, and the stock
 * ledger behind them. Its tables live in the `inventory` Postgres schema
 * (./tables.ts); the catalog is seeded by migration (./catalog/).
 *
 * - `GET /v1/inventory/items` (public; `type` filter, SKU-ordered keyset
 *   pages) and `GET /v1/inventory/items/:sku` (public: the synchronous
 *   availability check, one primary-key read).
 * - Admins: `POST /v1/inventory/items`, `PATCH /v1/inventory/items/:sku`,
 *   `POST /v1/inventory/items/:sku/adjustments`,
 *   `GET /v1/inventory/items/:sku/movements` (the ledger).
 * - `/internal/inventory/reservations…`: reserve, commit, release, read and
 *   expire stock reservations for the payments worker (./client.ts); lapsed
 *   ones are released by ./sweeper.ts.
 * - `StockLow` in `inventory.outbox` when a product's available stock falls
 *   to or below its threshold, in the transaction that made it fall.
 * - With `deliveries`, `POST /queue/deliveries` consumes `UserDeleted`: the
 *   member's id no longer names an actor of the ledger.
 *
 * @module
 */
import { consumerRoutes, on } from "../../shared/events/consumer.ts";
import { UserDeleted } from "../auth/contracts.ts";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { createInventoryMetrics } from "./metrics.ts";
import { withItemCache } from "./item_cache.ts";
import { createInventoryRepository } from "./repository.ts";
import { createInventoryRoutes } from "./routes.ts";
import { createInventoryService } from "./service.ts";
import { outbox, processedMessages } from "./tables.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";

export { expirySweepIntervalMs, startExpirySweeper, sweepExpiredReservations } from "./sweeper.ts";

/** What the ledger names as the actor of a closed account's movements. */
export const deletedUserActor = "deleted-user";

/** What the inventory worker needs. */
export type InventoryDeps = DomainDeps & {
  /**
   * The in-process cache of item reads (./item_cache.ts), used only on an
   * embedded database; on unless `enabled: false` (cold benchmarks).
   */
  cache?: { enabled: boolean };
  /** Verifies queue deliveries; with it the worker consumes `UserDeleted`. */
  deliveries?: DeliveryVerifier;
};

/** The inventory worker's Hono app; no side effects until it serves a request. */
export function createInventoryWorker(deps: InventoryDeps) {
  const worker = "inventory";
  const metrics = createWorkerMetrics(worker);
  const now = deps.now ?? (() => new Date());
  const log = deps.log.with({ worker });
  const stored = createInventoryRepository(deps.postgres.db);
  // Never stale only where this process is the database's sole user: embedded PGlite.
  const caching = (deps.cache?.enabled ?? true) && deps.postgres.kind === "pglite";
  const repository = caching ? withItemCache(stored) : stored;
  const service = createInventoryService({
    repository,
    now,
    metrics: createInventoryMetrics(metrics.registry, () => repository.productLevels(), log),
  });
  const app = createDomainApp(worker, deps, metrics)
    .route("/", createInventoryRoutes(service, deps.verifier));
  if (deps.deliveries) {
    app.route(
      "/",
      consumerRoutes({
        worker,
        db: deps.postgres.db,
        processed: processedMessages,
        verifier: deps.deliveries,
        log,
        registry: metrics.registry,
        now,
        handlers: [
          // Inside the delivery's transaction: with one PGlite connection, a
          // query outside it would wait for the transaction forever.
          on(UserDeleted, async ({ userId }, tx) => {
            await createInventoryRepository(tx).anonymiseActor(userId, deletedUserActor);
          }),
        ],
      }),
    );
  }
  // StockLow goes out from here.
  return Object.assign(
    app,
    eventProducer({ db: deps.postgres.db, table: outbox, log, registry: metrics.registry }),
  );
}

/** The app's type, for typed clients (`hc<InventoryApp>`). */
export type InventoryApp = ReturnType<typeof createInventoryWorker>;
