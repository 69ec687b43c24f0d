/**
 * The offline outbox of logged workouts, shared by the web and mobile apps (pure TypeScript;
 * each app brings its storage: IndexedDB on the web, SQLite on the phone).
 *
 * How a session is stored exactly once however often it is sent:
 *
 * 1. `enqueue` gives it a `clientId` (unless it has one) and writes it to the store **before**
 *    any attempt, so a closed tab or a killed app resends the same `clientId`.
 * 2. It is removed from the store only after the server acknowledged it. The API answers a
 *    `clientId` it already has with the stored session (200), so a resend after a lost answer
 *    creates nothing.
 * 3. One flush at a time per outbox (a web app adds a cross-tab lock around `flush`), sessions
 *    in the order they were logged; a transient failure stops the flush (the next would fail
 *    too) and retries after an exponential, jittered backoff, or `Retry-After`.
 * 4. A session the server refuses (422 and other 4xx) is kept as `failed` with the error, shown
 *    to the member, and never retried by itself or dropped silently.
 *
 * @module
 */

/** One workout waiting in the outbox. */
export interface OutboxItem<T> {
  /** Chosen once, before the first attempt; the API dedupes by it. */
  clientId: string;
  payload: T;
  /** Milliseconds since the epoch; the order of sending. */
  enqueuedAt: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Not sent before this time (ms since the epoch). */
  nextAttemptAt: number;
  /** `failed`: refused by the server, kept until the member retries or discards it. */
  state: "waiting" | "failed";
  /** The last error, for the member to read. */
  lastError?: OutboxError;
}

/** What went wrong with an attempt. */
export interface OutboxError {
  code: string;
  message: string;
  status: number;
}

/** Where an app keeps its outbox (must survive a reload). */
export interface OutboxStore<T> {
  /** Every item, in any order. */
  all(): Promise<OutboxItem<T>[]>;
  /** Inserts or replaces by `clientId`. */
  put(item: OutboxItem<T>): Promise<void>;
  delete(clientId: string): Promise<void>;
}

/** The result of sending one item. */
export type SendOutcome =
  | { kind: "sent" }
  | { kind: "retry"; error: OutboxError; retryAfterMs?: number }
  | { kind: "rejected"; error: OutboxError };

/** What the outbox shows: "offline — N workouts waiting". */
export interface OutboxStatus {
  waiting: number;
  failed: number;
  syncing: boolean;
  online: boolean;
  /** The items, oldest first (for a list of what waits or failed). */
  items: readonly OutboxItem<unknown>[];
}

/** Timers, injectable for tests. */
export interface OutboxTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@linkcode createOutbox}. */
export interface OutboxOptions<T> {
  store: OutboxStore<T>;
  /** Sends one item with its `clientId`; must not throw for expected failures. */
  send(item: OutboxItem<T>): Promise<SendOutcome>;
  /** Whether the device believes it is online (`navigator.onLine`); default true. */
  isOnline?: () => boolean;
  /** Wraps each flush, e.g. in a Web Lock so that only one tab sends at a time. */
  exclusive?: (flush: () => Promise<void>) => Promise<void>;
  /** A new `clientId`; default `crypto.randomUUID()`. */
  newClientId?: () => string;
  timers?: OutboxTimers;
  /** In [0, 1); default `Math.random`. */
  random?: () => number;
  /** First retry after about `baseMs`, doubling up to `maxMs` (defaults 1 s and 5 min). */
  backoff?: { baseMs: number; maxMs: number };
}

/** The outbox of one app. */
export interface Outbox<T> {
  /** Stores a session (with its `clientId`, or a new one) and tries to send it. */
  enqueue(payload: T, clientId?: string): Promise<OutboxItem<T>>;
  /** Sends what is due, in order; concurrent calls share one run. */
  flush(): Promise<void>;
  /** The network is back (or the member asked): everything waiting is due now. */
  retryNow(): Promise<void>;
  /** Makes a failed item wait again (after the member fixed what was wrong elsewhere). */
  retryFailed(clientId: string): Promise<void>;
  /** Drops an item the member chose to discard. */
  discard(clientId: string): Promise<void>;
  status(): OutboxStatus;
  /** Called on every change of status; returns the unsubscribe function. */
  subscribe(listener: (status: OutboxStatus) => void): () => void;
  /** Loads the store, then flushes; call once at start. */
  start(): Promise<void>;
  /** Cancels the pending timer. */
  stop(): void;
}

const defaultTimers: OutboxTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
};

/** The delay before attempt `attempts + 1`: exponential, with jitter in [50 %, 100 %]. */
export function backoffDelay(
  attempts: number,
  random: () => number = Math.random,
  { baseMs, maxMs }: { baseMs: number; maxMs: number } = { baseMs: 1_000, maxMs: 300_000 },
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** Creates an outbox over `options.store`. */
export function createOutbox<T>(options: OutboxOptions<T>): Outbox<T> {
  const timers = options.timers ?? defaultTimers;
  const random = options.random ?? Math.random;
  const isOnline = options.isOnline ?? (() => true);
  const exclusive = options.exclusive ?? ((run) => run());
  const newClientId = options.newClientId ?? (() => crypto.randomUUID());
  const backoff = options.backoff ?? { baseMs: 1_000, maxMs: 300_000 };

  let items: OutboxItem<T>[] = [];
  let syncing = false;
  let running: Promise<void> | undefined;
  let timer: unknown;
  let stopped = false;
  const listeners = new Set<(status: OutboxStatus) => void>();

  const ordered = () =>
    [...items].sort((a, b) => a.enqueuedAt - b.enqueuedAt || a.clientId.localeCompare(b.clientId));

  function status(): OutboxStatus {
    const list = ordered();
    return {
      waiting: list.filter((item) => item.state === "waiting").length,
      failed: list.filter((item) => item.state === "failed").length,
      syncing,
      online: isOnline(),
      items: list,
    };
  }

  function notify() {
    const current = status();
    for (const listener of listeners) listener(current);
  }

  async function reload() {
    items = await options.store.all();
  }

  async function save(item: OutboxItem<T>) {
    await options.store.put(item);
    items = [...items.filter((other) => other.clientId !== item.clientId), item];
  }

  function schedule() {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const due = items.filter((item) => item.state === "waiting")
      .map((item) => item.nextAttemptAt);
    if (!due.length) return;
    const wait = Math.max(0, Math.min(...due) - timers.now());
    timer = timers.setTimeout(() => {
      timer = undefined;
      void flush();
    }, wait);
  }

  async function run() {
    // Another tab (or a previous run) may have changed the store.
    await reload();
    syncing = true;
    notify();
    try {
      // Items enqueued during the run are picked up too (`items` is live).
      const tried = new Set<string>();
      for (;;) {
        const item = ordered().find((candidate) =>
          candidate.state === "waiting" && !tried.has(candidate.clientId)
        );
        if (!item || !isOnline() || item.nextAttemptAt > timers.now()) break;
        tried.add(item.clientId);
        let outcome: SendOutcome;
        try {
          outcome = await options.send(item);
        } catch (error) {
          outcome = {
            kind: "retry",
            error: {
              code: "NETWORK",
              message: String((error as Error)?.message ?? error),
              status: 0,
            },
          };
        }
        if (outcome.kind === "sent") {
          await options.store.delete(item.clientId);
          items = items.filter((other) => other.clientId !== item.clientId);
          notify();
          continue;
        }
        const attempts = item.attempts + 1;
        if (outcome.kind === "rejected") {
          await save({ ...item, attempts, state: "failed", lastError: outcome.error });
          notify();
          continue;
        }
        const delay = Math.max(
          backoffDelay(attempts, random, backoff),
          outcome.retryAfterMs ?? 0,
        );
        await save({
          ...item,
          attempts,
          nextAttemptAt: timers.now() + delay,
          lastError: outcome.error,
        });
        // Keep the order: what follows would fail the same way.
        break;
      }
    } finally {
      syncing = false;
      schedule();
      notify();
    }
  }

  function flush(): Promise<void> {
    if (!running) {
      running = exclusive(run).finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  return {
    async enqueue(payload, clientId) {
      const now = timers.now();
      // Strictly after the newest item: two sessions logged in the same millisecond keep
      // their order (a tie would fall back to the random clientIds).
      const latest = Math.max(0, ...items.map((other) => other.enqueuedAt));
      const item: OutboxItem<T> = {
        clientId: clientId ?? newClientId(),
        payload,
        enqueuedAt: Math.max(now, latest + 1),
        attempts: 0,
        nextAttemptAt: now,
        state: "waiting",
      };
      const existing = items.find((other) => other.clientId === item.clientId);
      if (existing) return existing;
      await save(item);
      notify();
      void flush().catch(() => {});
      return item;
    },
    flush,
    async retryNow() {
      await reload();
      const now = timers.now();
      for (const item of items) {
        if (item.state === "waiting" && item.nextAttemptAt > now) {
          await save({ ...item, nextAttemptAt: now });
        }
      }
      notify();
      await flush();
    },
    async retryFailed(clientId) {
      const item = items.find((other) => other.clientId === clientId);
      if (!item) return;
      await save({ ...item, state: "waiting", nextAttemptAt: timers.now() });
      notify();
      await flush();
    },
    async discard(clientId) {
      await options.store.delete(clientId);
      items = items.filter((item) => item.clientId !== clientId);
      notify();
    },
    status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      stopped = false;
      await reload();
      notify();
      await flush();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * How a GraphQL or HTTP failure counts for the outbox: the network, 5xx, 408, 429 and 401 (the
 * member logs in again) are retried; other 4xx refuse the session.
 */
export function outcomeOfFailure(
  error: { status: number; code: string; message: string; retryAfterSeconds?: number },
): SendOutcome {
  const outboxError = { code: error.code, message: error.message, status: error.status };
  const transient = error.status === 0 || error.status >= 500 || error.status === 408 ||
    error.status === 429 || error.status === 401;
  if (transient) {
    return {
      kind: "retry",
      error: outboxError,
      retryAfterMs: error.retryAfterSeconds ? error.retryAfterSeconds * 1_000 : undefined,
    };
  }
  return { kind: "rejected", error: outboxError };
}
