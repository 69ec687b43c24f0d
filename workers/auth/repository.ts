/**
 * The auth worker's SQL: identities, refresh-token families and signing keys.
 *
 * @module
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { JWK } from "jose";
import type { Role } from "../../shared/auth/claims.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { sqlState } from "../../shared/stores/postgres/sql_state.ts";
import { recordEvent } from "../../shared/events/outbox.ts";
import { UserDeleted, UserRegistered } from "./contracts.ts";
import { identities, outbox, refreshFamilies, refreshTokens, signingKeys } from "./tables.ts";

/** An identity as the service sees it. */
export type Identity = typeof identities.$inferSelect;

/** What rotating a refresh token found. */
export type RotationOutcome =
  | { kind: "rotated"; userId: string; role: Role; familyId: string }
  | { kind: "reused"; familyId: string }
  /** The login had already ended (logout, reuse): its id, so its revocation can be said again. */
  | { kind: "revoked"; familyId: string }
  | { kind: "invalid" };

/** Thrown by `insertIdentity` when the email is taken (unique violation). */
export class EmailTakenError extends Error {
  constructor() {
    super("email taken");
    this.name = "EmailTakenError";
  }
}

/** The auth repository over `db`. */
export function createAuthRepository(db: Database) {
  return {
    /** Creates the identity and, in the same transaction, its `UserRegistered` event. */
    async insertIdentity(
      identity: typeof identities.$inferInsert,
      displayName: string,
    ): Promise<Identity> {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx.insert(identities).values(identity).returning();
          await recordEvent(tx, outbox, UserRegistered, {
            userId: row.id,
            email: row.email,
            displayName,
            registeredAt: row.createdAt.toISOString(),
          });
          return row;
        });
      } catch (error) {
        if (sqlState(error) === "23505") throw new EmailTakenError();
        throw error;
      }
    },

    async identityByEmail(emailNormalized: string): Promise<Identity | undefined> {
      const [row] = await db.select().from(identities)
        .where(eq(identities.emailNormalized, emailNormalized));
      return row;
    },

    async identityById(id: string): Promise<Identity | undefined> {
      const [row] = await db.select().from(identities).where(eq(identities.id, id));
      return row;
    },

    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.update(identities).set({ passwordHash }).where(eq(identities.id, id));
    },

    async setRole(id: string, role: Role): Promise<void> {
      await db.update(identities).set({ role }).where(eq(identities.id, id));
    },

    /** The ids of every admin, oldest account first. */
    async adminIds(): Promise<string[]> {
      const rows = await db.select({ id: identities.id }).from(identities)
        .where(eq(identities.role, "admin"))
        .orderBy(identities.createdAt, identities.id);
      return rows.map((row) => row.id);
    },

    async hasAdmin(): Promise<boolean> {
      const rows = await db.select({ id: identities.id }).from(identities)
        .where(eq(identities.role, "admin")).limit(1);
      return rows.length > 0;
    },

    /**
     * Deletes the identity (its families and tokens go with it, by cascade)
     * and, in the same transaction, announces `UserDeleted` so every worker
     * erases what it holds of the user.
     */
    async deleteIdentity(id: string, at: Date): Promise<boolean> {
      return await db.transaction(async (tx) => {
        const rows = await tx.delete(identities).where(eq(identities.id, id))
          .returning({ id: identities.id });
        if (rows.length === 0) return false;
        await recordEvent(tx, outbox, UserDeleted, { userId: id, deletedAt: at.toISOString() });
        return true;
      });
    },

    /** Starts a login: a family and its first refresh token. */
    async createFamily(
      family: { id: string; userId: string; expiresAt: Date },
      tokenHash: string,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(refreshFamilies).values(family);
        await tx.insert(refreshTokens).values({ tokenHash, familyId: family.id });
      });
    },

    /**
     * Spends `tokenHash` and stores `nextHash` in its family, atomically. A
     * token already spent means it was stolen or replayed: the whole family
     * is revoked, so the newest token stops working too.
     */
    async rotate(tokenHash: string, nextHash: string, now: Date): Promise<RotationOutcome> {
      return await db.transaction(async (tx) => {
        const [found] = await tx
          .select({
            familyId: refreshTokens.familyId,
            spentAt: refreshTokens.spentAt,
            revokedAt: refreshFamilies.revokedAt,
            expiresAt: refreshFamilies.expiresAt,
            userId: identities.id,
            role: identities.role,
          })
          .from(refreshTokens)
          .innerJoin(refreshFamilies, eq(refreshFamilies.id, refreshTokens.familyId))
          .innerJoin(identities, eq(identities.id, refreshFamilies.userId))
          .where(eq(refreshTokens.tokenHash, tokenHash))
          // Locks the token, its family and identity rows until the rotation commits.
          .for("update");
        if (found?.revokedAt) return { kind: "revoked", familyId: found.familyId };
        if (!found || found.expiresAt <= now) return { kind: "invalid" };
        // Compare-and-set: of two concurrent uses, exactly one spends the token.
        const spent = await tx.update(refreshTokens).set({ spentAt: now })
          .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.spentAt)))
          .returning({ tokenHash: refreshTokens.tokenHash });
        if (spent.length === 0) {
          await tx.update(refreshFamilies).set({ revokedAt: now, revokedReason: "reused" })
            .where(eq(refreshFamilies.id, found.familyId));
          return { kind: "reused", familyId: found.familyId };
        }
        await tx.insert(refreshTokens).values({ tokenHash: nextHash, familyId: found.familyId });
        return {
          kind: "rotated",
          userId: found.userId,
          role: found.role,
          familyId: found.familyId,
        };
      });
    },

    /**
     * Revokes the family of `tokenHash` (logout): its id, also when it was
     * revoked already (the caller repeats the access-token revocation, which
     * may have failed the first time); undefined when the token is unknown.
     */
    async revokeFamilyOf(
      tokenHash: string,
      now: Date,
      reason: string,
    ): Promise<string | undefined> {
      const [token] = await db.select({ familyId: refreshTokens.familyId }).from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      if (!token) return undefined;
      await db.update(refreshFamilies).set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(refreshFamilies.id, token.familyId), isNull(refreshFamilies.revokedAt)));
      return token.familyId;
    },

    async signingKeys(): Promise<JWK[]> {
      const rows = await db.select().from(signingKeys).orderBy(
        sql`${signingKeys.active} desc`,
        signingKeys.createdAt,
      );
      return rows.map((row) => row.privateJwk as JWK);
    },

    async insertSigningKey(jwk: JWK): Promise<void> {
      await db.insert(signingKeys).values({ kid: jwk.kid!, privateJwk: jwk, active: true })
        .onConflictDoNothing();
    },
  };
}

/** The auth repository's type. */
export type AuthRepository = ReturnType<typeof createAuthRepository>;
