/**
 * The names of the platform's workers, in one place, so the composition, the
 * gateways, health and metrics all agree on what exists.
 *
 * @module
 */

/** The workers that own a domain (and the metrics worker): what `/health` reports on. */
export const domainWorkerNames = [
  "auth",
  "users",
  "workouts",
  "notifications",
  "analytics",
  "inventory",
  "payments",
  "webhooks",
  "metrics",
] as const;

/** The public entry points. */
export const gatewayNames = ["gateway-rest", "gateway-graphql"] as const;

export type DomainWorkerName = typeof domainWorkerNames[number];
export type GatewayName = typeof gatewayNames[number];
export type WorkerName = DomainWorkerName | GatewayName;

/** Every worker, domain workers first. */
export const workerNames: readonly WorkerName[] = [...domainWorkerNames, ...gatewayNames];

/** The environment variable that holds a peer worker's URL (split and production). */
export function peerUrlVariable(name: WorkerName): string {
  return `FITCONNECT_${name.toUpperCase().replaceAll("-", "_")}_URL`;
}
