/**
 * Which domain worker answers which public path. The gateway forwards the
 * request unchanged (plus the request id), so each domain worker serves its
 * own part of the public contract and owns its validation and errors.
 *
 * Order matters: the first pattern that matches wins.
 *
 * @module
 */
import type { WorkerName } from "../../shared/runtime/workers.ts";

/** A worker the REST gateway can forward to (any but itself). */
export type ForwardTarget = Exclude<WorkerName, "gateway-rest">;

/** `[path pattern, worker]` pairs, most specific first. */
export const publicRoutes: readonly (readonly [string, ForwardTarget])[] = [
  ["/.well-known/jwks.json", "auth"],
  ["/v1/auth/*", "auth"],
  ["/v1/api-keys", "auth"],
  ["/v1/api-keys/*", "auth"],
  ["/v1/me/membership", "payments"],
  // A member's push devices belong to the worker that sends the pushes.
  ["/v1/me/devices", "notifications"],
  ["/v1/me/devices/*", "notifications"],
  ["/v1/me", "users"],
  ["/v1/me/*", "users"],
  ["/v1/exercises", "workouts"],
  ["/v1/exercises/*", "workouts"],
  ["/v1/workouts", "workouts"],
  ["/v1/workouts/*", "workouts"],
  ["/v1/sessions", "workouts"],
  ["/v1/sessions/*", "workouts"],
  ["/v1/notifications", "notifications"],
  ["/v1/notifications/*", "notifications"],
  ["/v1/analytics/*", "analytics"],
  ["/v1/admin/analytics/*", "analytics"],
  ["/v1/inventory/*", "inventory"],
  ["/v1/plans", "payments"],
  ["/v1/payments", "payments"],
  ["/v1/payments/*", "payments"],
  ["/v1/admin/payments/*", "payments"],
  ["/webhooks/stripe", "payments"],
  ["/v1/webhooks", "webhooks"],
  ["/v1/webhooks/*", "webhooks"],
  ["/v1/admin/dead-letters", "metrics"],
  ["/v1/admin/dead-letters/*", "metrics"],
  ["/graphql", "gateway-graphql"],
  ["/graphql/*", "gateway-graphql"],
];
