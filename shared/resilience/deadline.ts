/**
 * Deadlines for calls to peers and stores, without a timer per call.
 *
 * A timer costs more than the rest of an in-process hop (starting and
 * clearing one per call cost 4 µs of a ~30 µs gateway → worker call,
 * measured with `deno run --cpu-prof`), so pending calls share one sweeper
 * that looks at them every `tickMs`. It keeps running while calls come, and
 * stops at the first sweep that finds none pending, so a busy process starts
 * it once and an idle one has no timer. While no call is pending it is
 * unref'd, so it never keeps a process (or a test) alive by itself; while one
 * is, it does, so a call that never answers still fails.
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
let sweeperHoldsProcess = false;
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
    sweeperHoldsProcess = true;
  } else if (!sweeperHoldsProcess) {
    Deno.refTimer(sweeper);
    sweeperHoldsProcess = true;
  }
}

function untrack(entry: Pending): void {
  pending.delete(entry);
  if (pending.size === 0 && sweeper !== undefined && sweeperHoldsProcess) {
    Deno.unrefTimer(sweeper);
    sweeperHoldsProcess = false;
  }
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
