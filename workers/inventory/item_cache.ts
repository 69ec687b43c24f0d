/**
 * An in-process cache of item reads that is never stale, for the one case
 * where that can be guaranteed: the database is embedded (PGlite), so this
 * process is the only one that opens it and every write of `inventory.items`
 * goes through this worker's repository — which this wrapper sees.
 *
 * It keeps the availability check (`GET /v1/inventory/items/:sku`) off the
 * database on the hot path. Rules that make it correct, not just fast:
 * - every write is bracketed: while any is in flight nothing is stored, and
 *   when one ends the whole cache is dropped (after its commit or rollback);
 * - a read stores its row only if no write started or ended while it ran
 *   (a generation counter), so a read that raced a write cannot put back
 *   the value the write replaced;
 * - only found items are kept (an unknown SKU is not a key anyone can grow
 *   the cache with), at most `maxEntries` of them.
 *
 * With Neon (many isolates, one shared database) it is not used: another
 * isolate's write would not be seen.
 *
 * @module
 */
import type { InventoryRepository, ItemRow } from "./repository.ts";

/** Most items kept; the catalog is far smaller, this only bounds memory. */
const maxEntries = 10_000;

/** `repository` with `findItem` answered from memory when nothing has changed since. */
export function withItemCache(repository: InventoryRepository): InventoryRepository {
  const cache = new Map<string, ItemRow>();
  let generation = 0;
  let inFlight = 0;

  async function writing<T>(work: () => Promise<T>): Promise<T> {
    inFlight++;
    generation++;
    try {
      return await work();
    } finally {
      inFlight--;
      generation++;
      cache.clear();
    }
  }

  return {
    ...repository,
    async findItem(sku) {
      const cached = cache.get(sku);
      if (cached) return cached;
      const before = generation;
      const row = await repository.findItem(sku);
      if (row && inFlight === 0 && generation === before) {
        if (cache.size >= maxEntries) cache.clear();
        cache.set(sku, Object.freeze(row));
      }
      return row;
    },
    insertItem: (item, at) => writing(() => repository.insertItem(item, at)),
    updateItem: (sku, changes, at) => writing(() => repository.updateItem(sku, changes, at)),
    reserveAtOnce: (reservation) => writing(() => repository.reserveAtOnce(reservation)),
    commitAtOnce: (sale) => writing(() => repository.commitAtOnce(sale)),
    transaction: (work) => writing(() => repository.transaction(work)),
  };
}
