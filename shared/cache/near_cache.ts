/**
 * A per-process copy of values that live on a shared store (the key-value
 * store, Postgres), kept for at most `maxAgeMs`: the reads that run on every
 * request (revocations, `/v1/me`'s profile, a plan) cost a map lookup
 * instead of a store round trip, and the price is a bound on staleness that
 * the caller states and documents (docs/identity.md, "Caches and their
 * staleness bounds").
 *
 * The bound, exactly: a value is answered only while less than `maxAgeMs`
 * has passed since the store read that found it *began*, so a change that
 * another process committed at time T is seen by every read here that
 * starts after T + `maxAgeMs`.
 *
 * A change made by this process is seen at once: the writer calls `set` or
 * `delete` after its store write, and a store read that began before it
 * (and might have found the old value) is answered to its caller but never
 * kept (a write counter, as workers/inventory/item_cache.ts does).
 *
 * Concurrent misses of the same keys share one store read, so a hot key
 * costs one read per `maxAgeMs`, however many requests ask for it. A read
 * under way for `maxAgeMs` or longer (a slow store) is not joined: what it
 * finds may be older than the bound allows, so a later request reads again.
 * Entries are an LRU of at most `maxEntries` (../cache/lru.ts).
 *
 * @module
 */
import { Lru } from "./lru.ts";

/** The bounds of a near cache. */
export interface NearCacheOptions {
  /** How long a value read from the store is answered without asking again. */
  maxAgeMs: number;
  /** The most keys kept. */
  maxEntries: number;
  /** A monotonic clock in milliseconds (default `performance.now`; tests move their own). */
  now?: () => number;
}

/** A store read under way, and when it began. */
interface Flight<V> {
  values: Promise<V[]>;
  readAt: number;
}

/** A bounded, short-lived, per-process cache in front of a shared store. */
export class NearCache<V> {
  readonly #entries: Lru<string, { value: V; readAt: number }>;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #inFlight = new Map<string, Flight<V>>();
  /** Local writes so far: a read begun before one must not be kept. */
  #writes = 0;

  constructor(options: NearCacheOptions) {
    this.#entries = new Lru({ maxEntries: options.maxEntries, maxWeight: options.maxEntries });
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The values under `key`, from memory when every one is fresh, or from one `load` of all. */
  async readMany(keys: string[], load: (keys: string[]) => Promise<V[]>): Promise<V[]> {
    const at = this.#now();
    const known: V[] = [];
    for (const key of keys) {
      const entry = this.#entries.get(key);
      if (!entry || at - entry.readAt >= this.#maxAgeMs || at < entry.readAt) break;
      known.push(entry.value);
    }
    if (known.length === keys.length) return known;
    // A read begun before a local write is not joined: it may find what the write replaced.
    const flight = `${this.#writes}\n${keys.join("\n")}`;
    let pending = this.#inFlight.get(flight);
    // Nor is one that began `maxAgeMs` ago or more: its answer would break the bound.
    if (!pending || at - pending.readAt >= this.#maxAgeMs || at < pending.readAt) {
      const started: Flight<V> = { values: this.#load(keys, load, at), readAt: at };
      started.values.finally(() => {
        if (this.#inFlight.get(flight) === started) this.#inFlight.delete(flight);
      }).catch(() => {}); // the caller below sees the failure
      this.#inFlight.set(flight, started);
      pending = started;
    }
    return await pending.values;
  }

  /** The value under `key` (see `readMany`). */
  async read(key: string, load: () => Promise<V>): Promise<V> {
    return (await this.readMany([key], async () => [await load()]))[0];
  }

  /** This process stored `value` under `key`: it is answered from now on, fresh. */
  set(key: string, value: V): void {
    this.#writes++;
    this.#entries.set(key, { value, readAt: this.#now() }, 1);
  }

  /** This process changed or removed `key`: the next read asks the store. */
  delete(key: string): void {
    this.#writes++;
    this.#entries.delete(key);
  }

  async #load(keys: string[], load: (keys: string[]) => Promise<V[]>, readAt: number) {
    const writes = this.#writes;
    const values = await load(keys);
    // A local write since the read began may be newer than what the read found.
    if (writes === this.#writes) {
      keys.forEach((key, index) => {
        // A slow read that ends after a later one must not replace what the later one found.
        const kept = this.#entries.get(key);
        if (!kept || kept.readAt <= readAt) {
          this.#entries.set(key, { value: values[index], readAt }, 1);
        }
      });
    }
    return values;
  }
}
