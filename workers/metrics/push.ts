/**
 * Pushes the metric totals to a Prometheus Pushgateway.
 *
 * One PUT replaces the whole group, `job="fitconnect"`, the same for every
 * metrics-worker isolate. What it carries are the durable totals every isolate
 * adds to (./totals.ts), so whichever isolate pushes, a counter never goes
 * down, and `rate()` sees no resets.
 *
 * @module
 */

/** The group every push replaces: `job="fitconnect"`. */
export const pushJob = "fitconnect";

/** PUTs `exposition` to `${pushgatewayUrl}/metrics/job/fitconnect`; throws on a non-2xx answer. */
export async function pushMetrics(
  pushgatewayUrl: string,
  exposition: string,
  fetcher: typeof fetch = fetch,
): Promise<void> {
  const url = new URL(`metrics/job/${pushJob}`, pushgatewayUrl.replace(/\/?$/, "/"));
  const response = await fetcher(url, {
    method: "PUT",
    headers: { "content-type": "text/plain; version=0.0.4" },
    body: exposition,
    signal: AbortSignal.timeout(5_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`Cannot push metrics: Pushgateway answered ${response.status}`);
}
