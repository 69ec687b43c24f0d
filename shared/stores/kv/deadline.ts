/**
 * A deadline that measures the store, not this process.
 *
 * A plain timer also counts the time this process could not look at an
 * answer that had already arrived: a password hash computed inline, a long
 * synchronous render, the machine descheduling the process. Under load that
 * would turn a healthy store into false timeouts (and open the breaker). So
 * the deadline advances in short ticks, and a tick that fires late is charged
 * at most twice its length: a store that does not answer still fails after
 * `ms` on an idle process, a busy process waits a little longer instead.
 *
 * @module
 */

/** How often the deadline looks at the clock. */
const tickMs = 50;

/**
 * `work`, or `onTimeout()` once `work` has had `ms` of this process's
 * attention without settling. The work itself is not cancelled; its late
 * outcome is ignored (never an unhandled rejection).
 */
export function withinDeadline<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const tick = Math.min(tickMs, ms);
    let left = ms;
    let last = performance.now();
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const now = performance.now();
      left -= Math.min(now - last, 2 * tick);
      last = now;
      if (left <= 0) reject(onTimeout());
      else timer = setTimeout(check, Math.min(tick, left));
    };
    timer = setTimeout(check, tick);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
