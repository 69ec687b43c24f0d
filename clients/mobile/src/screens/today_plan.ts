/** Which workout is next: the member's own plans in turn, after the last one logged. */
import type { MobileTodayQuery } from "../graphql/operations.generated";

type Plan = MobileTodayQuery["workouts"]["items"][number];

/** The next of the member's own plans, or undefined (then: quick start). */
export function nextPlan(data: MobileTodayQuery): Plan | undefined {
  const own = data.workouts.items.filter((plan) => plan.ownerId);
  if (!own.length) return undefined;
  const last = data.sessions.items[0]?.workoutId;
  const index = own.findIndex((plan) => plan.id === last);
  return own[(index + 1) % own.length];
}
