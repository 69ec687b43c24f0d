/**
 * The membership a settled plan payment changes, written in the settling
 * transaction with its `MembershipChanged` event: bought extends it (from
 * its end, or from now once lapsed), refunded shortens it by the plan's
 * interval.
 *
 * @module
 */
import { eq } from "drizzle-orm";
import { recordEvent } from "../../shared/events/outbox.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { MembershipChanged } from "./contracts.ts";
import { extendedPeriodEnd, shortenedPeriodEnd } from "./membership.ts";
import { memberships, outbox, type plans } from "./tables.ts";

type Plan = typeof plans.$inferSelect;

/** Changes `userId`'s membership for `plan` at `at` (`purchased` or `refunded`) and announces it. */
export async function changeMembership(
  tx: Database,
  change: { userId: string; plan: Plan; reason: "purchased" | "refunded"; at: Date },
): Promise<void> {
  const { userId, plan, reason, at } = change;
  const [current] = await tx.select().from(memberships)
    .where(eq(memberships.userId, userId)).for("update");
  let end: Date;
  if (reason === "purchased") {
    end = extendedPeriodEnd(current?.currentPeriodEnd, plan.interval, at);
    await tx.insert(memberships)
      .values({ userId, planId: plan.id, currentPeriodEnd: end })
      .onConflictDoUpdate({
        target: memberships.userId,
        set: { planId: plan.id, currentPeriodEnd: end, updatedAt: at },
      });
  } else {
    if (!current) return;
    end = shortenedPeriodEnd(current.currentPeriodEnd, plan.interval);
    await tx.update(memberships).set({ currentPeriodEnd: end, updatedAt: at })
      .where(eq(memberships.userId, userId));
  }
  await recordEvent(tx, outbox, MembershipChanged, {
    userId,
    planId: reason === "purchased" ? plan.id : current!.planId,
    active: end.getTime() > at.getTime(),
    currentPeriodEnd: end.toISOString(),
    reason,
    changedAt: at.toISOString(),
  }, at);
}
