/**
 * The auth worker owns identities, credentials, refresh-token families and the signing keys of access tokens.
 * Its tables live in the `auth` Postgres schema (./tables.ts).
 *
 * @module
 */
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";

/** What the auth worker needs. */
export type AuthDeps = DomainDeps;

/** The auth worker's Hono app; no side effects until it serves a request. */
export function createAuthWorker(deps: AuthDeps) {
  return createDomainApp("auth", deps);
}

/** The app's type, for typed clients (`hc<AuthApp>`). */
export type AuthApp = ReturnType<typeof createAuthWorker>;
