/**
 * Deadlines for calls to peers and stores, without a timer per call.
 *
 * A timer costs more than the rest of an in-process hop (starting and
 * clearing one per call cost 4 µs of a ~30 µs gateway → worker call,
 * measured with `deno run --cpu-prof`), so pending calls share one sweeper
 * that looks at them every `tickMs`. It keeps running while calls come, and
 * stops at the first sweep that finds none pending, so a busy process starts
 * it once and an idle one has no timer: it keeps a process alive at most one
 * tick after its last call, and always while one is pending, so a call that
 * never answers still fails. (Unref'ing it whenever the last pending call
 * settled cost two ops per in-process call under load: 5 % of a route miss's
 * CPU, measured with `deno run --cpu-prof`.)
 *
 * The deadline measures the callee, not this process: a sweep that fires
 * late (a password hash computed inline, a long synchronous render, the
 * machine descheduling the process) charges at most two ticks, so a busy
 * process waits a little longer instead of failing healthy peers. On an idle
 * process a call that never answers fails after `ms`, within one tick.
 *
 * @module
 */

/** How often pending calls are looked at; also the deadlines' resolution. */
const tickMs = 25;

interface Pending {
  left: number;
  /** When the call began: a sweep charges it only for time since then. */
  since: number;
  expire(): void;
}

const pending = new Set<Pending>();
let sweeper: ReturnType<typeof setInterval> | undefined;
let lastSweep = 0;

function sweep(): void {
  const now = performance.now();
  const since = lastSweep;
  lastSweep = now;
  for (const entry of pending) {
    entry.left -= Math.min(now - Math.max(since, entry.since), 2 * tickMs);
    if (entry.left <= 0) {
      pending.delete(entry);
      entry.expire();
    }
  }
  if (pending.size === 0) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

function track(entry: Pending): void {
  pending.add(entry);
  if (sweeper === undefined) {
    lastSweep = performance.now();
    sweeper = setInterval(sweep, tickMs);
  }
}

function untrack(entry: Pending): void {
  pending.delete(entry);
}

/**
 * `work`, or a rejection with `onTimeout()` once `work` has had `ms` of this
 * process's attention without settling. The work itself is not cancelled;
 * its late outcome is ignored (never an unhandled rejection).
 */
export function withinDeadline<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const entry: Pending = {
      left: ms,
      since: performance.now(),
      expire: () => reject(onTimeout()),
    };
    track(entry);
    work.then(
      (value) => {
        untrack(entry);
        resolve(value);
      },
      (error) => {
        untrack(entry);
        reject(error);
      },
    );
  });
}
