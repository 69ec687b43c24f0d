/**
 * `Idempotency-Key` with Stripe's semantics, per user.
 *
 * A request first claims its key with an insert into `idempotency_keys` in a
 * transaction of its own: the primary key (user, key), not a lookup, decides
 * which of concurrent requests runs. The others find the claim: a different
 * body is refused (409 IDEMPOTENCY_KEY_REUSED), a running one answers 409
 * IDEMPOTENCY_KEY_IN_USE with `Retry-After`, a finished one gets the first
 * answer again. The answer is stored in the same transaction as the payment
 * it created; a request that failed on our side (5xx) deletes its claim, so a
 * retry runs again. A claim left by a crashed process is taken over after
 * {@linkcode staleClaimMs}. A claim may carry a {@linkcode ClaimGate} (the cap on
 * open payments, ./open_payments.ts): it runs in the claim's transaction, and
 * only a request about to take a key is asked to pass it, never a replay.
 *
 * @module
 */
import { and, eq, lt, type SQL, sql, type SQLWrapper } from "drizzle-orm";
import { sha256 } from "../../shared/crypto/random.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { idempotencyKeys } from "./tables.ts";

/** A running claim older than this is abandoned (its request died with its process). */
export const staleClaimMs = 60_000;

/** Keys are kept a day, like Stripe's. */
export const keyLifetimeMs = 24 * 60 * 60_000;

/** A stored key. */
export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** JSON with object members sorted, so the same body hashes the same however it was written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${
      entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")
    }}`;
  }
  return JSON.stringify(value);
}

/** The fingerprint of a request body. */
export async function requestHash(body: unknown): Promise<string> {
  return await sha256(canonicalJson(body));
}

/** What a claim checks in its own transaction before it takes a key. */
export interface ClaimGate {
  /** Runs first, for every claim (e.g. a lock that queues one member's claims). */
  enter(tx: Database): Promise<void>;
  /** Runs just before the key is taken (not when it is held already); throws to refuse. */
  admit(tx: Database): Promise<void>;
  /**
   * The gate in the claim's one statement: common table expressions, and a
   * condition over them that admits the claim only when `enter` and `admit`
   * would have (else the transaction runs and decides, or refuses).
   */
  atOnce(db: Database): { ctes: SQL; admits: SQL };
}

/** What a finished request answered, kept for its replays. */
export interface IdempotentAnswer {
  status: number;
  body: unknown;
  paymentId?: string;
}

/** Claims and answers of idempotency keys. */
export interface IdempotencyRepository {
  /** The stored key, if any (a read: whether a request is a replay). */
  find(userId: string, key: string): Promise<IdempotencyRow | undefined>;
  /**
   * The claim when this request took the key, else the row that holds it
   * (none when its request failed and released it a moment ago). `gate`
   * may refuse the request by throwing; nothing is claimed then.
   */
  claim(
    userId: string,
    key: string,
    hash: string,
    at: Date,
    gate?: ClaimGate,
  ): Promise<{ claimed: true } | { claimed: false; row: IdempotencyRow | undefined }>;
  /** Stores the answer. */
  complete(userId: string, key: string, answer: IdempotentAnswer): Promise<void>;
  /**
   * The statement that stores the answer, not run: for the statement of what
   * the request changed (the payment), so both commit together.
   */
  completion(userId: string, key: string, answer: IdempotentAnswer): SQLWrapper;
  /** Forgets the claim, so a retry runs again. */
  release(userId: string, key: string): Promise<void>;
  /** Deletes keys created before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** Idempotency keys over `db`. */
export function createIdempotencyRepository(db: Database): IdempotencyRepository {
  const stored = async (tx: Database, userId: string, key: string) => {
    const [row] = await tx.select().from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    return row as IdempotencyRow | undefined;
  };

  // A query builder runs when awaited: `completion` hands out only its SQL.
  const completion = (userId: string, key: string, answer: IdempotentAnswer) =>
    db.update(idempotencyKeys).set({
      state: "completed",
      responseStatus: answer.status,
      responseBody: answer.body,
      paymentId: answer.paymentId ?? null,
    }).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));

  return {
    find: (userId, key) => stored(db, userId, key),

    async claim(userId, key, hash, at, gate) {
      // The usual new key in one round trip: taken when nothing holds it and the gate admits.
      // A replay, a refusal, a stale claim or a concurrent one go on to the transaction.
      const atOnce = gate?.atOnce(db);
      const { rows: taken } = await db.execute(sql`
        ${atOnce ? sql`with ${atOnce.ctes}` : sql``}
        insert into ${idempotencyKeys} (user_id, key, request_hash, state, locked_at)
        select ${userId}, ${key}, ${hash}, 'in_progress', ${at.toISOString()}::timestamptz
        where not exists (select 1 from ${idempotencyKeys}
            where ${idempotencyKeys.userId} = ${userId} and ${idempotencyKeys.key} = ${key})
          ${atOnce ? sql`and ${atOnce.admits}` : sql``}
        on conflict do nothing
        returning key`);
      if (taken.length > 0) return { claimed: true as const };
      return await db.transaction(async (tx) => {
        await gate?.enter(tx);
        const held = await stored(tx, userId, key);
        // A stale claim of the same body is taken over: that request runs again, so it is admitted.
        const takeover = held?.state === "in_progress" && held.requestHash === hash &&
          held.lockedAt.getTime() < at.getTime() - staleClaimMs;
        if (held && !takeover) return { claimed: false as const, row: held };
        await gate?.admit(tx);
        const [inserted] = await tx.insert(idempotencyKeys)
          .values({ userId, key, requestHash: hash, state: "in_progress", lockedAt: at })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (inserted) return { claimed: true as const };
        // Take over a claim whose request died, if it was for the same body.
        const [retaken] = await tx.update(idempotencyKeys).set({ lockedAt: at })
          .where(and(
            eq(idempotencyKeys.userId, userId),
            eq(idempotencyKeys.key, key),
            eq(idempotencyKeys.state, "in_progress"),
            eq(idempotencyKeys.requestHash, hash),
            lt(idempotencyKeys.lockedAt, new Date(at.getTime() - staleClaimMs)),
          ))
          .returning({ key: idempotencyKeys.key });
        if (retaken) return { claimed: true as const };
        // Taken by a concurrent request with the same key since the first read.
        return { claimed: false as const, row: await stored(tx, userId, key) };
      });
    },

    async complete(userId, key, answer) {
      await completion(userId, key, answer);
    },

    completion: (userId, key, answer) => ({
      getSQL: () => completion(userId, key, answer).getSQL(),
    }),

    async release(userId, key) {
      await db.delete(idempotencyKeys).where(and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.state, "in_progress"),
      ));
    },

    async prune(before) {
      const deleted = await db.delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, before))
        .returning({ key: idempotencyKeys.key });
      return deleted.length;
    },
  };
}
