/**
 * The first admin. A configured admin email may already belong to somebody:
 * a member who signed up with it before the operator set
 * FITCONNECT_ADMIN_EMAIL would otherwise become admin with *their* password.
 * So an existing account is promoted only when the configured password is its
 * password (the operator proves they own it); anything else is refused,
 * loudly, and the account stays as it was.
 *
 * @module
 */
import type { Role } from "../../shared/auth/claims.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { PasswordHasher } from "./passwords/mod.ts";
import type { AuthRepository } from "./repository.ts";
import { normalizeEmail } from "./schema.ts";

/** What `ensureAdmin` did; null when an admin already existed and nothing changed. */
export type AdminOutcome = {
  /**
   * `created`: a new admin account; `promoted`: an existing account whose password matched the
   * configured one; `refused`: an existing account whose password did not (it stays a member).
   */
  outcome: "created" | "promoted" | "refused";
  email: string;
  /** Only for a generated admin: its password, to be shown once. */
  password?: string;
} | null;

/** What the bootstrap needs. */
export interface AdminBootstrapDeps {
  repository: AuthRepository;
  hasher: PasswordHasher;
  /** Registers an account with `role` (the service's own register, profile included). */
  register(
    input: { email: string; password: string; displayName: string },
    role: Role,
  ): Promise<unknown>;
  log: Logger;
}

/** The email of the admin generated when none is configured (embedded stores only). */
export const generatedAdminEmail = "admin@fitconnect.local";

/**
 * Makes sure an admin exists: `account` is created, or promoted when it
 * exists and its password is `account.password`; without `account`, one is
 * generated (its password returned, to be shown once) only when no admin exists yet.
 */
export function adminBootstrap(deps: AdminBootstrapDeps) {
  const { repository, hasher, log } = deps;
  return async function ensureAdmin(
    account: { email: string; password: string } | undefined,
  ): Promise<AdminOutcome> {
    if (!account) {
      if (await repository.hasAdmin()) return null;
      const generated = {
        email: generatedAdminEmail,
        password: crypto.randomUUID() + crypto.randomUUID().slice(0, 8),
      };
      await deps.register({ ...generated, displayName: "Administrator" }, "admin");
      return { outcome: "created", ...generated };
    }
    const existing = await repository.identityByEmail(normalizeEmail(account.email));
    if (!existing) {
      await deps.register({ ...account, displayName: "Administrator" }, "admin");
      return { outcome: "created", email: account.email };
    }
    if (existing.role === "admin") return null;
    if (!(await hasher.verify(account.password, existing.passwordHash))) {
      log.warn(
        "admin not promoted: FITCONNECT_ADMIN_EMAIL belongs to an existing account whose " +
          "password is not FITCONNECT_ADMIN_PASSWORD; the account stays a member. Configure " +
          "another email, or set FITCONNECT_ADMIN_PASSWORD to that account's password.",
        { email: existing.email },
      );
      return { outcome: "refused", email: existing.email };
    }
    await repository.setRole(existing.id, "admin");
    return { outcome: "promoted", email: existing.email };
  };
}
