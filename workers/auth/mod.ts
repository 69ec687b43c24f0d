/**
 * The auth worker owns identities, credentials, refresh-token families and
 * the signing keys of access tokens. Its tables live in the `auth` Postgres
 * schema (./tables.ts).
 *
 * Passwords: Argon2id (./passwords). Access tokens: EdDSA (Ed25519) JWTs, 15 minutes,
 * verified by every worker against `/.well-known/jwks.json`. Refresh tokens:
 * opaque, stored hashed, rotated on every use; reuse and logout revoke the
 * login, its access tokens included (by `sid`, on the shared revocation list).
 * API keys for third parties (./api_keys.ts): managed at `/v1/api-keys`,
 * resolved for every verifier through `/internal/api-keys/resolve`.
 *
 * @module
 */
import type { JWK } from "jose";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { Counter } from "prom-client";
import { createWorkerMetrics } from "../../shared/metrics/worker_metrics.ts";
import { createDomainApp, type DomainDeps } from "../../shared/runtime/deps.ts";
import { type KeyRing, keyRingFromJwks, loadOrCreateKeyRing } from "./keys.ts";
import type { PasswordHasher } from "./passwords/mod.ts";
import { profilesOverBinding } from "./profiles.ts";
import { createAuthRepository } from "./repository.ts";
import { outbox } from "./tables.ts";
import { eventProducer } from "../../shared/events/outbox_relay.ts";
import { authRoutes } from "./routes.ts";
import { apiKeyRoutes } from "./api_key_routes.ts";
import { createApiKeyRepository } from "./api_key_repository.ts";
import { createApiKeyService } from "./api_keys.ts";
import { type AuthLimits, createAuthService, defaultAuthLimits } from "./service.ts";

// What the composition (workers/compose.ts, embedded.ts) wires around the factory.
export { authEntries, authLimitsFrom, bootstrapAdmin } from "./config.ts";
export { createPasswordHasher, type PasswordHasher } from "./passwords/mod.ts";

/** What the auth worker needs. */
export type AuthDeps = DomainDeps & {
  /** The users worker, which owns profiles. */
  users: ServiceBinding;
  hasher: PasswordHasher;
  /** Private signing JWKs from configuration (the first signs); generated and stored when absent. */
  signingKeys?: JWK[];
  limits?: Partial<AuthLimits>;
};

/** The auth worker's Hono app, plus `ensureAdmin` for the composition root. */
export function createAuthWorker(deps: AuthDeps) {
  const repository = createAuthRepository(deps.postgres.db);
  let keyRing: Promise<KeyRing> | undefined;
  const keys = () => {
    keyRing ??= deps.signingKeys?.length
      ? keyRingFromJwks(deps.signingKeys)
      : loadOrCreateKeyRing(repository);
    // A failed load (database down) is retried on the next request.
    keyRing.catch(() => (keyRing = undefined));
    return keyRing;
  };
  const metrics = createWorkerMetrics("auth");
  const counter = (name: string, help: string, label = "result") =>
    new Counter({ name, help, labelNames: [label], registers: [metrics.registry] });
  const logins = counter("fitconnect_logins_total", "Login attempts, by result.");
  const registrations = counter("fitconnect_registrations_total", "Registrations, by result.");
  const lockouts = counter(
    "fitconnect_auth_lockouts_total",
    "Attempts refused with 429, by scope (account: its failed logins; network: its attempts).",
    "scope",
  );
  const refreshes = counter(
    "fitconnect_refresh_tokens_total",
    "Refresh tokens presented, by result (rotated, reused, revoked, invalid).",
  );
  const limits = { ...defaultAuthLimits, ...deps.limits };
  const service = createAuthService({
    repository,
    hasher: deps.hasher,
    keys,
    profiles: profilesOverBinding(deps.users),
    kv: deps.kv,
    revocations: deps.revocations,
    limits,
    now: deps.now ?? (() => new Date()),
    log: deps.log.with({ worker: "auth" }),
    outcomes: {
      login: (result) => logins.inc({ result }),
      register: (result) => registrations.inc({ result }),
      lockout: (scope) => lockouts.inc({ scope }),
      refresh: (result) => refreshes.inc({ result }),
    },
  });
  const apiKeys = createApiKeyService({
    repository: createApiKeyRepository(deps.postgres.db),
    revocations: deps.revocations,
    now: deps.now ?? (() => new Date()),
  });
  const app = createDomainApp("auth", deps, metrics)
    .route("/", apiKeyRoutes(apiKeys, deps.verifier))
    .route(
      "/",
      authRoutes({
        service,
        keys,
        internalSecret: deps.internalSecret,
        refreshCookieMaxAgeSeconds: Math.floor(limits.refreshLifetimeMs / 1000),
      }),
    );
  return Object.assign(app, {
    ensureAdmin: service.ensureAdmin,
    // UserRegistered and UserDeleted go out from here.
    ...eventProducer({
      db: deps.postgres.db,
      table: outbox,
      log: deps.log.with({ worker: "auth" }),
      registry: metrics.registry,
    }),
  });
}

/** The app's type, for typed clients (`hc<AuthApp>`). */
export type AuthApp = ReturnType<typeof createAuthWorker>;
