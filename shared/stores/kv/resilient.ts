/**
 * A deadline and a circuit breaker around a key-value store, so an outage
 * costs a request a fast 503 instead of seconds of waiting.
 *
 * Every call gets a short deadline (300 ms for Upstash; a healthy store
 * answers in a few). After a few failures in a row the breaker opens and
 * calls fail at once for a while; then one probe is let through (half-open)
 * and its success closes the breaker, so service resumes by itself.
 *
 * Failures leave as {@linkcode StoreUnavailableError}: what must stay safe
 * (revocation checks, rate limits, idempotency) lets it propagate and answers
 * 503; read caches catch it and read through to Postgres.
 *
 * One guard serves one connection: every namespace (`kvFor(worker)`) on it
 * shares the breaker, so one worker's failures spare the others the wait.
 *
 * @module
 */
import { type Breaker, createBreaker } from "../../resilience/breaker.ts";
import type { Logger } from "../../logging/logger.ts";
import { describeError } from "../../logging/describe_error.ts";
import { StoreUnavailableError } from "../unavailable.ts";
import { withinDeadline } from "../../resilience/deadline.ts";
import type { KeyValueStore } from "./port.ts";

/** Settings of {@linkcode createKeyValueGuard}. */
export interface KeyValueGuardOptions {
  /** Which adapter it guards: their errors differ (see `isOutage`). */
  kind: KeyValueStore["kind"];
  /**
   * The deadline of one call: 300 ms over the network (a healthy Upstash answers
   * in a few), 2 s for Deno KV, a local file that split mode's processes share,
   * where a write may wait its turn for the file's lock (./deno_kv_locks.ts).
   */
  timeoutMs?: number;
  /** Failures in a row that open the breaker (default 3). */
  failures?: number;
  /** How long the breaker stays open before a probe (default 2 s). */
  openMs?: number;
  /** Where the start and the end of an outage are said, once each. */
  log?: Logger;
  /** The clock of the breaker (tests). */
  now?: () => number;
}

/** Runs calls to one key-value connection under its deadline and breaker. */
export interface KeyValueGuard {
  run<T>(call: () => Promise<T>): Promise<T>;
}

/** A guard for one connection (share it between the stores on that connection). */
export function createKeyValueGuard(options: KeyValueGuardOptions): KeyValueGuard {
  const timeoutMs = options.timeoutMs ?? (options.kind === "deno-kv" ? 2_000 : 300);
  const breaker: Breaker = createBreaker({
    failures: options.failures ?? 3,
    openMs: options.openMs ?? 2_000,
    now: options.now,
  });
  let down = false;

  return {
    async run<T>(call: () => Promise<T>): Promise<T> {
      const waitMs = breaker.waitMs();
      if (waitMs > 0) {
        throw new StoreUnavailableError("key-value", "it failed repeatedly; not calling it now", {
          retryAfterMs: waitMs,
        });
      }
      try {
        // A call that throws before returning its promise is handled like one that rejects.
        const work = new Promise<T>((resolve) => resolve(call()));
        const result = await withinDeadline(
          work,
          timeoutMs,
          () => new Error(`no answer within ${timeoutMs} ms`),
        );
        breaker.succeeded();
        if (down) {
          down = false;
          options.log?.info("key-value store reachable again", { kind: options.kind });
        }
        return result;
      } catch (error) {
        if (!isOutage(options.kind, error)) {
          // The store is up and refused this one request: it says nothing about an outage.
          breaker.succeeded();
          throw error;
        }
        breaker.failed();
        if (!down) {
          down = true;
          options.log?.warn("key-value store unavailable; failing fast until it answers", {
            kind: options.kind,
            error: describeError(error),
          });
        }
        throw new StoreUnavailableError("key-value", "the call failed", { cause: error });
      }
    },
  };
}

/**
 * False for the errors a store raises about the request itself: a ttl it
 * cannot honour (RangeError, both adapters) and, from Deno KV (a local file
 * that does not go away), a key or value it refuses (TypeError: too large).
 * Over HTTP a TypeError is what `fetch` throws when it cannot connect: an outage.
 */
function isOutage(kind: KeyValueStore["kind"], error: unknown): boolean {
  if (error instanceof RangeError) return false;
  return !(kind === "deno-kv" && error instanceof TypeError);
}

/** `store` with every call run by `guard`; `close` passes straight through. */
export function guardKeyValueStore(store: KeyValueStore, guard: KeyValueGuard): KeyValueStore {
  return {
    kind: store.kind,
    get: <T>(key: string) => guard.run(() => store.get<T>(key)),
    getMany: <T>(keys: string[]) => guard.run(() => store.getMany<T>(keys)),
    set: (key, value, options) => guard.run(() => store.set(key, value, options)),
    setIfAbsent: (key, value, options) => guard.run(() => store.setIfAbsent(key, value, options)),
    delete: (key) => guard.run(() => store.delete(key)),
    increment: (key, options) => guard.run(() => store.increment(key, options)),
    incrementFields: (key, deltas, options) =>
      guard.run(() => store.incrementFields(key, deltas, options)),
    getFields: (key) => guard.run(() => store.getFields(key)),
    deleteFields: (key, fields) => guard.run(() => store.deleteFields(key, fields)),
    ping: () => guard.run(() => store.ping()),
    close: () => store.close(),
  } satisfies KeyValueStore;
}
