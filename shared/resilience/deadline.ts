/**
 * Deadlines for calls to peers and stores, without a timer per call.
 *
 * A timer costs more than the rest of an in-process hop (about 1.5 µs of
 * the ~30 µs of a gateway → worker call, measured), so pending calls share
 * one sweeper that looks at them every `tickMs` while any is pending, and
 * stops when none is (so nothing outlives the last call).
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
  expire(): void;
}

const pending = new Set<Pending>();
let sweeper: ReturnType<typeof setInterval> | undefined;
let lastSweep = 0;

function sweep(): void {
  const now = performance.now();
  const charged = Math.min(now - lastSweep, 2 * tickMs);
  lastSweep = now;
  for (const entry of pending) {
    entry.left -= charged;
    if (entry.left <= 0) {
      pending.delete(entry);
      entry.expire();
    }
  }
  if (pending.size === 0) stopSweeping();
}

function stopSweeping(): void {
  clearInterval(sweeper);
  sweeper = undefined;
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
    const entry: Pending = { left: ms, expire: () => reject(onTimeout()) };
    pending.add(entry);
    if (sweeper === undefined) {
      lastSweep = performance.now();
      sweeper = setInterval(sweep, tickMs);
    }
    const settle = () => {
      pending.delete(entry);
      if (pending.size === 0 && sweeper !== undefined) stopSweeping();
    };
    work.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error) => {
        settle();
        reject(error);
      },
    );
  });
}
