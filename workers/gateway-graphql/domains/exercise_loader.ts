/**
 * The exercises that plans and sessions name, read in batches: one
 * `GET /v1/exercises?ids=…` per tick of the resolvers (at most 100 ids a
 * call, each id once), instead of one call per entry. One loader per
 * request, so nothing is shared between callers and nothing outlives the
 * request.
 *
 * @module
 */
import DataLoader from "dataloader";
import { maxPageSize } from "../../../shared/http/paging.ts";
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";

/** An exercise of the catalog, as the workouts worker answers it. */
type Exercise = { id: string } & Record<string, unknown>;

/** The exercise loader of one request; `load(id)` is null for an id the catalog lacks. */
export function exerciseLoader({ workouts }: Pick<ForwardedClients, "workouts">, relay: Relay) {
  return new DataLoader<string, Exercise | null>(async (ids) => {
    // Typed `unknown` for the route's 304 branch, which a request without If-None-Match never gets.
    const page = await relay(workouts.v1.exercises.$get({
      query: { ids: ids.join(","), limit: String(ids.length) },
    })) as { items: Exercise[] };
    const byId = new Map<string, Exercise>(page.items.map((item) => [item.id, item]));
    return ids.map((id) => byId.get(id) ?? null);
  }, { maxBatchSize: maxPageSize });
}

/** What a plan or a session entry gains: the exercise it names, loaded in batches. */
export function withExercise<T extends { exerciseId: string }>(
  loader: ReturnType<typeof exerciseLoader>,
  entry: T,
): T & { exercise: () => Promise<Exercise | null> } {
  return { ...entry, exercise: () => loader.load(entry.exerciseId) };
}
