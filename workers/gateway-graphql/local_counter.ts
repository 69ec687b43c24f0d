/**
 * A process-local stand-in for the key-value store's counters, for a
 * gateway composed without a store: exact where every request reaches one
 * process (the embedded platform), per isolate anywhere else.
 *
 * Same contract as `KeyValueStore.increment`: the first increment of a
 * window sets its expiry; later ones keep it.
 *
 * @module
 */
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";

/** What a rate limit needs of a store. */
export type RateCounter = Pick<KeyValueStore, "increment">;

/**
 * Counters in memory, at most `maxKeys` of them: past that, expired ones go
 * first, then the oldest, so a flood of addresses cannot grow the process.
 */
export function localCounter(now: () => number = Date.now, maxKeys = 10_000): RateCounter {
  const windows = new Map<string, { value: number; expiresAt: number }>();
  return {
    increment(key, { ttlMs, by = 1 }) {
      const at = now();
      let window = windows.get(key);
      if (!window || window.expiresAt <= at) {
        windows.delete(key);
        window = { value: 0, expiresAt: at + ttlMs };
        if (windows.size >= maxKeys) evict(windows, at, maxKeys);
        windows.set(key, window);
      }
      window.value += by;
      return Promise.resolve({ value: window.value, expiresInMs: window.expiresAt - at });
    },
  };
}

function evict(
  windows: Map<string, { expiresAt: number }>,
  at: number,
  maxKeys: number,
): void {
  for (const [key, window] of windows) {
    if (window.expiresAt <= at) windows.delete(key);
  }
  // A Map iterates in insertion order: the first keys are the oldest windows.
  for (const key of windows.keys()) {
    if (windows.size < maxKeys) break;
    windows.delete(key);
  }
}
