/**
 * Pushes the merged metrics to a Prometheus Pushgateway.
 *
 * One PUT replaces the whole group, so what Prometheus scrapes is always one
 * consistent collection, never a mix of pushes from several isolates.
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
