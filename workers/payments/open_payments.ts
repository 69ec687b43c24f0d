/**
 * The cap on a member's open payments, checked where the checkout claims its
 * idempotency key (./idempotency.ts), before any stock is reserved.
 *
 * Open = payments that require confirmation and whose hold has not lapsed,
 * plus checkouts of the member still running (their claims, which become
 * payments or go away). A read-then-insert would let 20 concurrent checkouts
 * all read "0 open" and all go ahead, so every claim bumps the member's row
 * of `checkout_gates` and holds its lock until it commits: the claims of one
 * member queue on it. The claim's transaction counts after the bump, so it
 * counts the claims committed before it. The claim in one statement
 * ({@linkcode ClaimGate.atOnce}) counts in its snapshot, from before the
 * bump: it is admitted only when the bump shows that no claim of the member
 * committed since (the counter moved by exactly its own one); otherwise the
 * transaction decides. A refusal is
 * not stored as the key's answer: it is about the member's other payments,
 * not this request, and the same key succeeds once a slot frees.
 *
 * @module
 */
import { and, count, eq, gt, min, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { Problem } from "../../shared/http/problem.ts";
import type { ClaimGate } from "./idempotency.ts";
import { paymentsProblems } from "./problems.ts";
import { checkoutGates, idempotencyKeys, payments } from "./tables.ts";

/** What the cap needs to know. */
export interface OpenPaymentsOptions {
  /** Open payments a member may have; the next checkout is refused. */
  max: number;
  /** How long a checkout holds its stock: older payments no longer count. */
  holdMs: number;
  /** A running claim older than this died with its process (./idempotency.ts). */
  staleClaimMs: number;
}

/** The gate of one member's claim at `at` (./idempotency.ts `ClaimGate`). */
export type OpenPaymentsGate = (userId: string, at: Date) => ClaimGate;

/** The gate for `options`. */
export function openPaymentsGate(options: OpenPaymentsOptions): OpenPaymentsGate {
  const { max, holdMs, staleClaimMs } = options;
  /** The member's open payments and running claims, counted in one statement (one snapshot). */
  const counted = (db: Database, userId: string, at: Date) => {
    const open = db.select({
      n: count().as("open_n"),
      oldest: min(payments.createdAt).as("oldest"),
    })
      .from(payments)
      .where(and(
        eq(payments.userId, userId),
        eq(payments.status, "requires_confirmation"),
        gt(payments.createdAt, new Date(at.getTime() - holdMs)),
      ))
      .as("open");
    const running = db.select({ n: count().as("running_n") }).from(idempotencyKeys)
      .where(and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.state, "in_progress"),
        gt(idempotencyKeys.lockedAt, new Date(at.getTime() - staleClaimMs)),
      ))
      .as("running");
    return db.select({ open: open.n, oldest: open.oldest, running: running.n })
      .from(open)
      .crossJoin(running);
  };
  /** Bumps the member's gate row; its lock is held until the claim's transaction ends. */
  const bump = (db: Database, userId: string) =>
    db.insert(checkoutGates).values({ userId, claims: 1 })
      .onConflictDoUpdate({
        target: checkoutGates.userId,
        set: { claims: sql`${checkoutGates.claims} + 1` },
      })
      .returning({ claims: checkoutGates.claims });

  return (userId, at) => ({
    async enter(tx) {
      // Every claim of the member, replays too, so that a request that finds its key
      // taken meanwhile learns so rather than counting a claim of its own key.
      await bump(tx, userId);
    },
    async admit(tx) {
      // One statement, so one snapshot: a checkout that turns its claim into a payment
      // between two separate counts would be in neither.
      const [current] = await counted(tx, userId, at);
      if (current.open + current.running < max) return;
      throw tooMany(max, holdMs, current.oldest ? new Date(current.oldest) : undefined, at);
    },
    atOnce(db) {
      const seen = db.select({ claims: checkoutGates.claims }).from(checkoutGates)
        .where(eq(checkoutGates.userId, userId));
      const counts = counted(db, userId, at);
      return {
        ctes: sql`gate_seen as (${seen.getSQL()}), gate_bumped as (${
          bump(db, userId).getSQL()
        }), gate_counts as (${counts.getSQL()})`,
        admits: sql`(select claims from gate_bumped) =
            coalesce((select claims from gate_seen), 0) + 1
          and (select open_n + running_n from gate_counts) < ${max}`,
      };
    },
  });
}

/** 409 with when a slot frees by itself: the oldest hold lapsing (a running checkout ends sooner). */
function tooMany(max: number, holdMs: number, oldest: Date | undefined, at: Date): Problem {
  const lapses = (oldest ?? at).getTime() + (oldest ? holdMs : 0);
  const retryAfter = Math.max(1, Math.ceil((lapses - at.getTime()) / 1000));
  return new Problem(
    paymentsProblems.TOO_MANY_OPEN_PAYMENTS,
    `You have ${max} payments awaiting confirmation: confirm one, or wait until its ` +
      `reservation lapses (${Math.round(holdMs / 60_000)} minutes after checkout), ` +
      "before starting another.",
    { headers: { "retry-after": String(retryAfter) }, extensions: { maxOpenPayments: max } },
  );
}
