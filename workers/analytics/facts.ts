/**
 * The analytics read model's writes, one function per event, each run inside
 * the consumer's transaction (so the event is recorded as processed only
 * when its effect commits).
 *
 * @module
 */
import { eq, inArray, or, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { applySession, eraseAggregates, rebuildAggregates } from "./aggregates.ts";
import { timezoneOf } from "./queries.ts";
import { members, outbox, recordFacts, reports, revenueFacts, sessionFacts } from "./tables.ts";

/** A member's registration; a ProfileUpdated that arrived first keeps its timezone. */
export async function upsertMember(tx: Database, userId: string, registeredAt: Date) {
  await tx.insert(members).values({ userId, registeredAt })
    .onConflictDoUpdate({ target: members.userId, set: { registeredAt } });
}

/**
 * A member's timezone from version `version` of their profile, unless a
 * version as new or newer is kept (events arrive in any order); `seenAt`
 * stands in for the registration until UserRegistered arrives. A new zone
 * moves their local days and weeks: their summary aggregates are rebuilt.
 */
export async function setTimezone(
  tx: Database,
  userId: string,
  profile: { timezone: string; version: number },
  { seenAt }: { seenAt: Date },
) {
  const { timezone, version } = profile;
  const before = await timezoneOf(tx, userId);
  const kept = await tx.insert(members).values({
    userId,
    timezone,
    profileVersion: version,
    registeredAt: seenAt,
  })
    .onConflictDoUpdate({
      target: members.userId,
      set: { timezone, profileVersion: version },
      setWhere: sql`${members.profileVersion} < excluded.profile_version`,
    })
    .returning({ timezone: members.timezone });
  if (kept.length > 0 && kept[0].timezone !== before) {
    await rebuildAggregates(tx, userId, kept[0].timezone);
  }
}

/** A logged session and the records it broke. */
export interface SessionFact {
  sessionId: string;
  userId: string;
  startedAt: Date;
  volumeKg: number;
  exerciseIds: string[];
  personalRecords: { exerciseId: string; kind: string; value: number }[];
}

/**
 * Stores `session` once (and adds it to the summary aggregates only then),
 * and each record unless a better one is stored.
 */
export async function recordSession(tx: Database, session: SessionFact) {
  const { personalRecords, ...fact } = session;
  const stored = await tx.insert(sessionFacts).values(fact).onConflictDoNothing()
    .returning({ sessionId: sessionFacts.sessionId });
  if (stored.length > 0) await applySession(tx, fact);
  if (personalRecords.length === 0) return;
  await tx.insert(recordFacts)
    .values(personalRecords.map((record) => ({
      userId: session.userId,
      ...record,
      sessionId: session.sessionId,
      achievedAt: session.startedAt,
    })))
    .onConflictDoUpdate({
      target: [recordFacts.userId, recordFacts.exerciseId, recordFacts.kind],
      set: {
        value: sql`excluded.value`,
        sessionId: sql`excluded.session_id`,
        achievedAt: sql`excluded.achieved_at`,
      },
      // Keep the best: a late delivery of an older, lower record changes nothing.
      setWhere: sql`${recordFacts.value} < excluded.value`,
    });
}

/** A money movement: a payment that succeeded, or a refund of one. */
export interface RevenueFact {
  paymentId: string;
  kind: "payment" | "refund";
  userId: string;
  /** Minor units as the event states them (positive); a refund is stored negated. */
  amountCents: number;
  currency: string;
  occurredAt: Date;
}

/** Stores `fact` once: a second event for the same payment and kind changes nothing. */
export async function recordRevenue(tx: Database, fact: RevenueFact) {
  const amountCents = fact.kind === "refund" ? -fact.amountCents : fact.amountCents;
  await tx.insert(revenueFacts).values({ ...fact, amountCents }).onConflictDoNothing();
}

/**
 * Erases what analytics holds of `userId`: the member, sessions, records,
 * summary aggregates, reports and the outbox events naming them. Revenue stays for the books,
 * anonymised.
 */
export async function eraseUser(tx: Database, userId: string) {
  const owned = await tx.delete(reports).where(eq(reports.userId, userId))
    .returning({ id: reports.id });
  const reportIds = owned.map((report) => report.id);
  await tx.delete(outbox).where(or(
    sql`${outbox.payload} ->> 'userId' = ${userId}`,
    reportIds.length > 0 ? inArray(sql`${outbox.payload} ->> 'reportId'`, reportIds) : undefined,
  ));
  await tx.delete(recordFacts).where(eq(recordFacts.userId, userId));
  await tx.delete(sessionFacts).where(eq(sessionFacts.userId, userId));
  await eraseAggregates(tx, userId);
  await tx.delete(members).where(eq(members.userId, userId));
  await tx.update(revenueFacts).set({ userId: null })
    .where(eq(revenueFacts.userId, userId));
}
