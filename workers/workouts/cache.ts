/**
 * Catalog and plan reads cached on the key-value store (Upstash in
 * production, Deno KV embedded), shared by every isolate.
 *
 * - The catalog changes only by migration, so its entries are keyed by the
 *   catalog's version (a digest of every row, recomputed at most once a
 *   minute per isolate): a new catalog is simply new keys, and old ones expire.
 * - A plan is cached under `plan:<id>`. A write through the API replaces the
 *   entry with the new row (PATCH) or a tombstone (DELETE, account erasure),
 *   and readers fill an empty slot only with set-if-absent, so a slow reader
 *   can never put back an older row or a deleted plan.
 *
 * Every entry also expires, so a missed invalidation heals itself. A failing
 * cache never fails a request: the read goes to Postgres instead, without
 * trying to fill the entry (the store just failed; a fill would wait again).
 *
 * In front of the shared store, this process keeps each plan it read for
 * {@linkcode planNearCacheMaxAgeMs} (shared/cache/near_cache.ts), so a hot
 * plan costs one key-value read a second. Staleness bound: a write through
 * this process is seen here at once (every write, embedded); one through
 * another process (split replicas, production's isolates) within that bound.
 * A lookup answered from memory counts as a hit of the `plan` cache.
 *
 * @module
 */
import type { Logger } from "../../shared/logging/logger.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { describeError } from "../../shared/logging/describe_error.ts";
import { StoreUnavailableError } from "../../shared/stores/unavailable.ts";
import { sha256 } from "../../shared/crypto/random.ts";
import { NearCache } from "../../shared/cache/near_cache.ts";
import type {
  CatalogRepository,
  ExerciseRow,
  PlanRepository,
  PlanRow,
  WorkoutsRepository,
} from "./repository.ts";

/** How long an entry lives (the catalog's `max-age` too). */
export const cacheTtlMs = 5 * 60_000;
/** How long an isolate trusts the catalog version it last read. */
export const catalogVersionTtlMs = 60_000;
/** How long another process's write to a plan may go unseen here. */
export const planNearCacheMaxAgeMs = 1000;

/** Which cache a lookup went to, and whether it hit. */
export type CacheLookup = (cache: "catalog" | "plan", hit: boolean) => void;

/** What the caches need. */
export interface CacheDeps {
  kv: KeyValueStore;
  log: Logger;
  now: () => Date;
  /** Called on every lookup (metrics). */
  onLookup?: CacheLookup;
}

type CachedPlan = Omit<PlanRow, "createdAt" | "updatedAt"> & {
  createdAt: string;
  updatedAt: string;
};
type PlanEntry = { plan: CachedPlan } | { deleted: true };

const planKey = (id: string) => `plan:${id}`;

function toCache(plan: PlanRow): PlanEntry {
  return {
    plan: {
      ...plan,
      createdAt: plan.createdAt.toISOString(),
      updatedAt: plan.updatedAt.toISOString(),
    },
  };
}

function fromCache(plan: CachedPlan): PlanRow {
  return { ...plan, createdAt: new Date(plan.createdAt), updatedAt: new Date(plan.updatedAt) };
}

/** `repository` with catalog and plan reads served from the key-value store when possible. */
export function withCaches(repository: WorkoutsRepository, deps: CacheDeps): WorkoutsRepository {
  // null for a plan the store does not have: undefined is not an answer the cache keeps.
  const near = new NearCache<PlanRow | null>({
    maxAgeMs: planNearCacheMaxAgeMs,
    maxEntries: 10_000,
  });
  const plans = cachedPlans(repository.plans, deps, near);
  return {
    ...repository,
    catalog: cachedCatalog(repository.catalog, deps),
    plans,
    async eraseUser(userId) {
      const erased = await repository.eraseUser(userId);
      await Promise.all(erased.planIds.map((id) => safely(deps, () => forgetPlan(deps.kv, id))));
      for (const id of erased.planIds) near.delete(id);
      return erased;
    },
  };
}

/** Runs a cache operation; a failure is logged (without data) and answered with `fallback`. */
async function safely<T>(deps: CacheDeps, operation: () => Promise<T>, fallback?: T) {
  try {
    return await operation();
  } catch (error) {
    // An outage is said once by the store's guard (shared/stores/kv/resilient.ts): not per read.
    if (!(error instanceof StoreUnavailableError)) {
      deps.log.warn("cache unavailable", { error: describeError(error) });
    }
    return fallback;
  }
}

function forgetPlan(kv: KeyValueStore, id: string): Promise<void> {
  return kv.set(planKey(id), { deleted: true } satisfies PlanEntry, { ttlMs: cacheTtlMs });
}

/** What a lookup answers when the store could not be asked. */
const unreachable = Symbol("unreachable");

/** Reads through `key`: a hit answers, a miss loads and fills the slot if still empty. */
async function readThrough<T>(
  deps: CacheDeps,
  cache: "catalog" | "plan",
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const cached = await safely<T | null | typeof unreachable>(
    deps,
    () => deps.kv.get<T>(key),
    unreachable,
  );
  deps.onLookup?.(cache, cached != null && cached !== unreachable);
  // The store just failed: read the database, and do not wait on the store again to fill.
  if (cached === unreachable) return await load();
  if (cached != null) return cached;
  const value = await load();
  if (value !== undefined) {
    await safely(deps, () => deps.kv.setIfAbsent(key, value, { ttlMs: cacheTtlMs }));
  }
  return value;
}

function cachedCatalog(catalog: CatalogRepository, deps: CacheDeps): CatalogRepository {
  let known: { version: Promise<string>; readAt: number } | undefined;
  function version(): Promise<string> {
    const at = deps.now().getTime();
    if (!known || at - known.readAt >= catalogVersionTtlMs || at < known.readAt) {
      const read = catalog.version();
      known = { version: read, readAt: at };
      // A failed read is not remembered: the next request tries again.
      read.catch(() => known?.version === read && (known = undefined));
    }
    return known.version;
  }

  return {
    version,
    async search(filter, page) {
      const query = JSON.stringify([filter, page.limit, page.after ?? null]);
      const key = `catalog:${await version()}:search:${await sha256(query)}`;
      return (await readThrough(deps, "catalog", key, () => catalog.search(filter, page)))!;
    },
    async find(id) {
      const key = `catalog:${await version()}:exercise:${id}`;
      return await readThrough<ExerciseRow>(deps, "catalog", key, () => catalog.find(id));
    },
    unknownIds: (ids) => catalog.unknownIds(ids),
  };
}

/**
 * Plans through `near` (this process), then the shared store, then Postgres. A write forgets
 * its plan here once it is done: any read begun meanwhile may have found the old one.
 */
function cachedPlans(
  plans: PlanRepository,
  deps: CacheDeps,
  near: NearCache<PlanRow | null>,
): PlanRepository {
  const { kv } = deps;
  async function readShared(id: string): Promise<PlanRow | null> {
    const entry = await readThrough<PlanEntry>(deps, "plan", planKey(id), async () => {
      const plan = await plans.find(id);
      return plan && toCache(plan);
    });
    // Shared by every request that reads it: frozen, so none can change it for the others.
    return entry && "plan" in entry ? Object.freeze(fromCache(entry.plan)) : null;
  }
  return {
    ...plans,
    async find(id) {
      let asked = false;
      const plan = await near.read(id, () => (asked = true, readShared(id)));
      if (!asked) deps.onLookup?.("plan", true);
      return plan ?? undefined;
    },
    async update(id, ownerId, changes, at) {
      try {
        const plan = await plans.update(id, ownerId, changes, at);
        if (plan) {
          await safely(deps, () => kv.set(planKey(id), toCache(plan), { ttlMs: cacheTtlMs }));
        }
        return plan;
      } finally {
        near.delete(id);
      }
    },
    async delete(id, ownerId) {
      try {
        const deleted = await plans.delete(id, ownerId);
        if (deleted) await safely(deps, () => forgetPlan(kv, id));
        return deleted;
      } finally {
        near.delete(id);
      }
    },
  };
}
