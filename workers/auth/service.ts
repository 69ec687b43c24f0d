/**
 * The auth use cases: register, log in, refresh, log out, close an account,
 * bootstrap the first admin. No HTTP here: routes translate.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import { accessTokenLifetimeSec, type Role } from "../../shared/auth/claims.ts";
import type { RevocationList } from "../../shared/auth/revocations.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import {
  coalescingCounter,
  hit,
  type RateLimit,
  rateLimited,
  type RateLimitState,
} from "../../shared/http/rate_limit.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { adminBootstrap } from "./admin.ts";
import type { KeyRing } from "./keys.ts";
import { beginLoginAttempt } from "./lockout.ts";
import { needsRehash, type PasswordHasher } from "./passwords/mod.ts";
import { type AuthRepository, EmailTakenError, type RotationOutcome } from "./repository.ts";
import { normalizeEmail } from "./schema.ts";
import { hashRefreshToken, newRefreshToken, signAccessToken } from "./tokens.ts";
import type { ProfilesPort, ProfileSummary } from "./profiles.ts";
import { authProblems } from "./problems.ts";

/** The public view of a user in auth responses. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
}

/** What register, login and refresh return. */
export interface AuthResult {
  user: AuthUser;
  accessToken: string;
  refreshToken: string;
  tokenType: "Bearer";
  expiresIn: number;
}

/** Limits on register and login. */
export interface AuthLimits {
  /** Register + login requests per client IP (default 100 a minute: a gym shares one address). */
  perIp: RateLimit;
  /** Failed logins per account before it is locked for the window (default 10 per 15 min). */
  failedLoginsPerAccount: RateLimit;
  /** The absolute lifetime of a login, however often it is refreshed (default 30 days). */
  refreshLifetimeMs: number;
}

export const defaultAuthLimits: AuthLimits = {
  perIp: { limit: 100, windowMs: 60_000 },
  failedLoginsPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  refreshLifetimeMs: 30 * 24 * 3600_000,
};

/** Who is calling, for limits and logs. */
export interface CallContext {
  requestId: string;
  clientIp: string;
}

/** What the service needs. */
export interface AuthServiceDeps {
  repository: AuthRepository;
  hasher: PasswordHasher;
  keys: () => Promise<KeyRing>;
  profiles: ProfilesPort;
  kv: KeyValueStore;
  revocations: RevocationList;
  limits: AuthLimits;
  now: () => Date;
  log: Logger;
  /** Counts outcomes (the auth worker's `fitconnect_*` counters, see ./mod.ts). */
  outcomes?: AuthOutcomes;
}

/** What the service counts. */
export interface AuthOutcomes {
  login(result: string): void;
  register(result: string): void;
  /** A 429 that stopped an attempt: the account's failed logins, or the network's attempts. */
  lockout(scope: "account" | "network"): void;
  /** What a refresh token turned out to be: rotated, reused (a theft signal), revoked, invalid. */
  refresh(result: RotationOutcome["kind"]): void;
}

/** Runs `task`, recording `success` or the failure's code (lower-cased; `error` when unknown). */
async function counted<T>(
  record: ((result: string) => void) | undefined,
  task: () => Promise<T>,
): Promise<T> {
  try {
    const outcome = await task();
    record?.("success");
    return outcome;
  } catch (error) {
    record?.(error instanceof Problem ? error.code.toLowerCase() : "error");
    throw error;
  }
}

const invalidCredentials = () =>
  new Problem(authProblems.INVALID_CREDENTIALS, "The email or password is not correct.");

/**
 * The `user` of a token response. Without a profile (an account whose closing
 * stopped half-way) the member still signs in, so they can close it again.
 */
function userOf(id: string, email: string, profile: ProfileSummary | null): AuthUser {
  return { id, email: email || profile?.email || "", displayName: profile?.displayName ?? "" };
}

/** The auth use cases over `deps`. */
export function createAuthService(deps: AuthServiceDeps) {
  const { repository, hasher, limits, now } = deps;
  // A burst on one account or address sends one increment at a time, each attempt keeping its own
  // place in the count: racing on one Deno KV key turned into retries, 2 s timeouts and 503s.
  const counter = coalescingCounter(deps.kv);

  /** Counts a register/login attempt from `ip`; 429 past the limit. */
  async function limitIp(ip: string): Promise<RateLimitState> {
    const state = await hit(counter, `ip:${ip}`, { policy: "auth", ...limits.perIp });
    if (state.exceeded) {
      deps.outcomes?.lockout("network");
      throw rateLimited(state, "Too many attempts from your network; slow down.");
    }
    return state;
  }

  async function issue(user: AuthUser, role: Role, familyId?: string): Promise<AuthResult> {
    const at = now();
    const refreshToken = newRefreshToken();
    const sid = familyId ?? crypto.randomUUID();
    if (!familyId) {
      await repository.createFamily(
        { id: sid, userId: user.id, expiresAt: new Date(at.getTime() + limits.refreshLifetimeMs) },
        await hashRefreshToken(refreshToken),
      );
    }
    return {
      user,
      accessToken: await signAccessToken(await deps.keys(), { userId: user.id, role, sid }, at),
      refreshToken,
      tokenType: "Bearer",
      expiresIn: accessTokenLifetimeSec,
    };
  }

  /** Creates the identity and its profile; nothing is left half-done when the profile fails. */
  async function register(
    input: { email: string; password: string; displayName: string },
    call: CallContext,
    role: Role,
  ): Promise<{ result: AuthResult; limit: RateLimitState }> {
    const limit = await limitIp(call.clientIp);
    const passwordHash = await hasher.hash(input.password);
    let identity;
    try {
      identity = await repository.insertIdentity({
        id: crypto.randomUUID(),
        email: input.email,
        emailNormalized: normalizeEmail(input.email),
        passwordHash,
        role,
      }, input.displayName);
    } catch (error) {
      if (error instanceof EmailTakenError) {
        throw new Problem(authProblems.EMAIL_TAKEN, "An account with this email already exists.");
      }
      throw error;
    }
    try {
      await deps.profiles.create(identity.id, {
        email: identity.email,
        displayName: input.displayName,
      }, call.requestId);
    } catch (error) {
      // Compensate: an account without a profile must not exist.
      await repository.deleteIdentity(identity.id, now());
      deps.log.warn("registration rolled back", { error: describeError(error) });
      throw new Problem(
        platformProblems.SERVICE_UNAVAILABLE,
        "Registration is unavailable; try again.",
        {
          headers: { "retry-after": "1" },
        },
      );
    }
    const user = { id: identity.id, email: identity.email, displayName: input.displayName };
    return { result: await issue(user, identity.role), limit };
  }

  /** Same 401 for an unknown email and a wrong password, after the same work. */
  async function login(
    input: { email: string; password: string },
    call: CallContext,
  ): Promise<{ result: AuthResult; limit: RateLimitState }> {
    const limit = await limitIp(call.clientIp);
    const email = normalizeEmail(input.email);
    const attempt = await beginLoginAttempt(counter, email, {
      policy: "login-failures",
      ...limits.failedLoginsPerAccount,
    }).catch((error) => {
      if (error instanceof Problem && error.status === 429) deps.outcomes?.lockout("account");
      throw error;
    });
    let identity: Awaited<ReturnType<AuthRepository["identityByEmail"]>>;
    let valid: boolean;
    try {
      identity = await repository.identityByEmail(email);
      valid = identity
        ? await hasher.verify(input.password, identity.passwordHash)
        : await hasher.verifyDummy(input.password);
    } catch (error) {
      // The password was never checked (the database is down): not a failed guess, so an
      // outage cannot lock members out once it is over.
      await attempt.succeeded().catch(() => {});
      throw error;
    }
    if (!identity || !valid) throw invalidCredentials();
    await attempt.succeeded();
    if (needsRehash(identity.passwordHash, hasher.params)) {
      // Parameters changed since this hash was made: upgrade it while we know the password.
      await repository.setPasswordHash(identity.id, await hasher.hash(input.password));
    }
    const profile = await deps.profiles.get(identity.id, call.requestId);
    return {
      result: await issue(userOf(identity.id, identity.email, profile), identity.role),
      limit,
    };
  }

  /** Ends login `sid` for its access tokens too (checked by every verifier). */
  async function endLogin(sid: string): Promise<void> {
    await deps.revocations.revokeSession(sid, now());
  }

  /** Registers (see `register`), counting the outcome. */
  const countedRegister = (
    input: { email: string; password: string; displayName: string },
    call: CallContext,
    role: Role = "member",
  ) => counted(deps.outcomes?.register, () => register(input, call, role));

  const service = {
    register: countedRegister,

    /** Logs in (see `login`), counting the outcome. */
    login: (input: { email: string; password: string }, call: CallContext) =>
      counted(deps.outcomes?.login, () => login(input, call)),

    /** Rotates a refresh token; a spent one revokes its whole login, access tokens included. */
    async refresh(refreshToken: string, call: CallContext): Promise<AuthResult> {
      const next = newRefreshToken();
      const outcome = await repository.rotate(
        await hashRefreshToken(refreshToken),
        await hashRefreshToken(next),
        now(),
      );
      deps.outcomes?.refresh(outcome.kind);
      if (outcome.kind === "reused") {
        deps.log.warn("refresh token reused; login revoked", { familyId: outcome.familyId });
        await endLogin(outcome.familyId);
        throw new Problem(
          authProblems.REFRESH_TOKEN_REUSED,
          "This refresh token was already used; sign in again.",
        );
      }
      if (outcome.kind === "revoked") {
        // Said again, idempotently: the revocation may not have reached the store the first time.
        await endLogin(outcome.familyId);
      }
      if (outcome.kind !== "rotated") {
        throw new Problem(
          platformProblems.UNAUTHENTICATED,
          "The refresh token is not valid; sign in again.",
        );
      }
      const identity = await repository.identityById(outcome.userId);
      const profile = await deps.profiles.get(outcome.userId, call.requestId);
      const user = userOf(outcome.userId, identity?.email ?? "", profile);
      const result = await issue(user, outcome.role, outcome.familyId);
      return { ...result, refreshToken: next };
    },

    /**
     * Ends the login of `refreshToken`, its access tokens included; unknown
     * tokens are fine (logout is idempotent, and a repeat re-asserts the revocation).
     */
    async logout(refreshToken: string): Promise<void> {
      const familyId = await repository.revokeFamilyOf(
        await hashRefreshToken(refreshToken),
        now(),
        "logout",
      );
      if (familyId) await endLogin(familyId);
    },

    /**
     * Closes an account: profile, identity (with its `UserDeleted`), then the
     * access tokens. Every step is idempotent and the one that revokes tokens
     * runs last, so whichever step fails, the member's token still works and
     * a retried `DELETE /v1/me` finishes the job.
     */
    async deleteIdentity(userId: string, requestId: string): Promise<void> {
      try {
        await deps.profiles.remove(userId, requestId);
      } catch (error) {
        deps.log.warn("profile not removed; account closing stopped", {
          requestId,
          error: describeError(error),
        });
        throw new Problem(
          platformProblems.SERVICE_UNAVAILABLE,
          "The account cannot be closed right now; try again.",
          {
            headers: { "retry-after": "1" },
            cause: error,
          },
        );
      }
      await repository.deleteIdentity(userId, now());
      await deps.revocations.revokeUser(userId, now());
    },

    /** Who the admins are (the notifications worker tells them about low stock). */
    async listAdmins(): Promise<string[]> {
      return await repository.adminIds();
    },

    /** Makes sure an admin exists (see ./admin.ts: an existing account needs its own password). */
    ensureAdmin: adminBootstrap({
      repository,
      hasher,
      log: deps.log,
      register: (input, role) =>
        countedRegister(input, { requestId: "bootstrap", clientIp: "bootstrap" }, role),
    }),
  };
  return service;
}

/** The auth service's type. */
export type AuthService = ReturnType<typeof createAuthService>;
