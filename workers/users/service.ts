/**
 * The users worker's use cases: reading and changing a member's profile,
 * closing an account, and the profile side of registration. Nothing here
 * knows about HTTP beyond the problems it raises.
 *
 * @module
 */
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { IdentityDirectory } from "./identities.ts";
import type { ProfileChanges, ProfileRepository, ProfileRow } from "./repository.ts";
// Registers PROFILE_NOT_FOUND before any Problem with that code is raised.
import { usersProblems } from "./problems.ts";

/** A stored profile, as the use cases return it. */
export type Profile = ProfileRow;

/**
 * The version a change is conditional on: `"any"` (the profile must exist),
 * a list of acceptable versions, or `undefined` (unconditional: last write wins).
 */
export type ExpectedVersion = "any" | readonly number[] | undefined;

/** What the use cases need. */
export interface UsersServiceDeps {
  profiles: ProfileRepository;
  identities: IdentityDirectory;
  now: () => Date;
}

/** The users worker's use cases. */
export interface UsersService {
  /** The member's profile; 404 PROFILE_NOT_FOUND when there is none. */
  getProfile(userId: string): Promise<Profile>;
  /** Applies `changes` atomically; 412 PRECONDITION_FAILED when `expected` is not met. */
  updateProfile(
    userId: string,
    changes: ProfileChanges,
    expected?: ExpectedVersion,
  ): Promise<Profile>;
  /** Closes the identity at the auth worker first (503 if it cannot), then deletes the profile. */
  closeAccount(userId: string, options: { requestId: string }): Promise<void>;
  /** Creates the profile unless it exists (a registration retry): `created` tells which. */
  ensureProfile(
    userId: string,
    data: { email: string; displayName: string },
  ): Promise<{ profile: Profile; created: boolean }>;
  /** Deletes the profile if it exists (registration's compensation). */
  removeProfile(userId: string): Promise<void>;
}

/** The use cases over `deps`. */
export function createUsersService(deps: UsersServiceDeps): UsersService {
  const { profiles, identities, now } = deps;

  async function getProfile(userId: string): Promise<Profile> {
    const profile = await profiles.find(userId);
    if (!profile) throw notFound();
    return profile;
  }

  return {
    getProfile,

    async updateProfile(userId, changes, expected) {
      if (Object.values(changes).every((value) => value === undefined)) {
        // Nothing to change: answer the profile as it is, without a new version.
        const profile = await getProfile(userId);
        if (!satisfies(profile.version, expected)) throw preconditionFailed();
        return profile;
      }
      const versions = expected === "any" ? undefined : expected;
      const updated = await profiles.update(userId, changes, { at: now(), versions });
      if (updated) return updated;
      // No row matched: either there is no profile, or it changed since the caller read it.
      await getProfile(userId);
      throw preconditionFailed();
    },

    async closeAccount(userId, { requestId }) {
      await identities.deleteIdentity(userId, { requestId });
      await profiles.delete(userId);
    },

    async ensureProfile(userId, data) {
      const created = await profiles.insertIfAbsent({ userId, ...data }, now());
      if (created) return { profile: created, created: true };
      return { profile: await getProfile(userId), created: false };
    },

    async removeProfile(userId) {
      await profiles.delete(userId);
    },
  };
}

function satisfies(version: number, expected: ExpectedVersion): boolean {
  return expected === undefined || expected === "any" || expected.includes(version);
}

function notFound(): Problem {
  return new Problem(usersProblems.PROFILE_NOT_FOUND, "There is no profile for this account.");
}

function preconditionFailed(): Problem {
  return new Problem(
    platformProblems.PRECONDITION_FAILED,
    "The profile changed since you read it (If-Match does not match its ETag); read it again.",
  );
}
