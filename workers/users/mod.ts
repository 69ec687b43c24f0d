/**
 * The users worker owns profiles: display name, bio, units, timezone and goals.
 * Its tables live in the `users` Postgres schema (./tables.ts).
 *
 * @module
 */
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";

/** What the users worker needs. */
export type UsersDeps = DomainDeps;

/** The users worker's Hono app; no side effects until it serves a request. */
export function createUsersWorker(deps: UsersDeps) {
  return createDomainApp("users", deps);
}

/** The app's type, for typed clients (`hc<UsersApp>`). */
export type UsersApp = ReturnType<typeof createUsersWorker>;
