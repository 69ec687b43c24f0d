/**
 * The SQL of API keys (the `auth.api_keys` table).
 *
 * @module
 */
import { and, count, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Role } from "../../shared/auth/claims.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import type { ApiKeyCursor } from "./api_key_schema.ts";
import { apiKeys, identities } from "./tables.ts";

/** A stored key. */
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** What a lookup finds: the key and its owner's role. */
export interface ResolvedKeyRow {
  id: string;
  userId: string;
  scopes: string[];
  secretHash: string;
  createdAt: Date;
  expiresAt: Date | null;
  role: Role;
}

/** The API key repository over `db`. */
export function createApiKeyRepository(db: Database) {
  return {
    async insert(row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
      const [stored] = await db.insert(apiKeys).values(row).returning();
      return stored;
    },

    /** How many keys `userId` holds that have not expired. */
    async liveCount(userId: string, now: Date): Promise<number> {
      const [row] = await db.select({ n: count() }).from(apiKeys).where(and(
        eq(apiKeys.userId, userId),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ));
      return row?.n ?? 0;
    },

    /** One page of `userId`'s keys, newest first. */
    list(
      userId: string,
      { limit, after }: { limit: number; after?: ApiKeyCursor },
    ): Promise<KeysetPage<ApiKeyRow, ApiKeyCursor>> {
      const query = (take: number) =>
        db.select({ key: apiKeys, at: cursorTimeOf(apiKeys.createdAt) }).from(apiKeys)
          .where(and(
            eq(apiKeys.userId, userId),
            after &&
              sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${after.at}::timestamptz, ${after.id})`,
          ))
          .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
          .limit(take);
      return keysetPage(query, limit, {
        item: (row) => row.key,
        position: (last) => ({ at: last.at, id: last.key.id }),
      });
    },

    /** `userId`'s key `id`, if they hold one. */
    async find(userId: string, id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await db.select().from(apiKeys)
        .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)));
      return row;
    },

    /** Deletes `userId`'s key `id`; false when they hold none with that id. */
    async delete(userId: string, id: string): Promise<boolean> {
      const rows = await db.delete(apiKeys)
        .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
        .returning({ id: apiKeys.id });
      return rows.length > 0;
    },

    /**
     * The live key stored under `secretHash`, with its owner's role, its
     * `lastUsedAt` touched in the same statement.
     */
    async touch(
      secretHash: string,
      now: Date,
    ): Promise<ResolvedKeyRow | undefined> {
      const [row] = await db.update(apiKeys).set({ lastUsedAt: now })
        .from(identities)
        .where(and(
          eq(apiKeys.secretHash, secretHash),
          eq(identities.id, apiKeys.userId),
          or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
        ))
        .returning({
          id: apiKeys.id,
          userId: apiKeys.userId,
          scopes: apiKeys.scopes,
          secretHash: apiKeys.secretHash,
          createdAt: apiKeys.createdAt,
          expiresAt: apiKeys.expiresAt,
          role: identities.role,
        });
      return row;
    },
  };
}

/** The API key repository's type. */
export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
