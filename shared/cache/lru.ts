/**
 * A least-recently-used map bounded both in entries and in total weight
 * (the bytes of its keys and values, as the caller counts them), so neither
 * many small entries nor a few large ones can grow the process without end.
 *
 * A Map keeps insertion order: a hit moves its entry to the end, and
 * eviction takes from the front.
 *
 * @module
 */

/** The bounds of one cache. */
export interface LruBounds {
  maxEntries: number;
  /** The most total weight; an entry heavier than this is never kept. */
  maxWeight: number;
}

/** A bounded LRU map. */
export class Lru<K, V> {
  readonly #entries = new Map<K, { value: V; weight: number }>();
  #weight = 0;

  constructor(readonly bounds: LruBounds) {}

  /** The value under `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` under `key` (weighing `weight`), evicting the least recently used. */
  set(key: K, value: V, weight: number): void {
    this.delete(key);
    if (weight > this.bounds.maxWeight || this.bounds.maxEntries < 1) return;
    this.#entries.set(key, { value, weight });
    this.#weight += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.bounds.maxEntries && this.#weight <= this.bounds.maxWeight) {
        break;
      }
      this.#entries.delete(oldest);
      this.#weight -= entry.weight;
    }
  }

  delete(key: K): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
  }

  /** How many entries and how much weight the cache holds. */
  get size(): { entries: number; weight: number } {
    return { entries: this.#entries.size, weight: this.#weight };
  }
}
