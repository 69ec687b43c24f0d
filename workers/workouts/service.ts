/**
 * The workouts worker's use cases: the catalog and plans. Logging and reading
 * sessions live in ./session_service.ts; a member's data is erased by the
 * `UserDeleted` handler (./mod.ts), straight through the repository.
 * Nothing here knows about HTTP beyond the problems it raises.
 *
 * @module
 */
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import { workoutsProblems } from "./problems.ts";
import { isPathId } from "../../shared/http/path_id.ts";
import { invalidBody, isVisible, workoutNotFound } from "./policy.ts";
import type { KeysetPage } from "../../shared/stores/postgres/keyset_page.ts";
import type { ExerciseRow, PlanChanges, PlanRow } from "./repository.ts";
import {
  type ExerciseCursor,
  type ExerciseQuery,
  type NewPlan,
  type PlanCursor,
  type PlanPatch,
  type PlanQuery,
} from "./schema.ts";
import type { WorkoutsServiceDeps } from "./service_deps.ts";
import { createSessionService, type SessionService } from "./session_service.ts";

/** The workouts worker's use cases. */
export interface WorkoutsService extends SessionService {
  searchExercises(query: ExerciseQuery): Promise<KeysetPage<ExerciseRow, ExerciseCursor>>;
  /** 404 EXERCISE_NOT_FOUND when there is none. */
  getExercise(id: string): Promise<ExerciseRow>;
  /** Public templates, then the viewer's own plans (none for an anonymous viewer). */
  listPlans(viewer: string | undefined, query: PlanQuery): Promise<KeysetPage<PlanRow, PlanCursor>>;
  /** A template or the viewer's own plan; 404 WORKOUT_NOT_FOUND for anything else. */
  getPlan(viewer: string | undefined, id: string): Promise<PlanRow>;
  /** 422 with `/exercises/<i>/exerciseId` for an exercise not in the catalog. */
  createPlan(ownerId: string, plan: NewPlan): Promise<PlanRow>;
  /** The owner's plan changed; 404 for another's plan, 403 FORBIDDEN for a template. */
  updatePlan(ownerId: string, id: string, patch: PlanPatch): Promise<PlanRow>;
  /** As `updatePlan`, deleting. */
  deletePlan(ownerId: string, id: string): Promise<void>;
}

/** The use cases over `deps`. */
export function createWorkoutsService(deps: WorkoutsServiceDeps): WorkoutsService {
  const { repository, now } = deps;
  const { catalog, plans } = repository;

  async function findPlan(id: string): Promise<PlanRow | undefined> {
    return isPathId(id) ? await plans.find(id) : undefined;
  }

  /** The caller's own plan; 404 for a missing or private one, 403 for a template. */
  async function ownPlan(ownerId: string, id: string): Promise<PlanRow> {
    const plan = await findPlan(id);
    if (!isVisible(plan, ownerId)) throw workoutNotFound();
    if (plan.ownerId === null) {
      throw new Problem(
        platformProblems.FORBIDDEN,
        "Public templates cannot be changed; create a plan of your own from one instead.",
      );
    }
    return plan;
  }

  async function checkExercises(exercises: readonly { exerciseId: string }[]): Promise<void> {
    const unknown = await catalog.unknownIds(exercises.map((exercise) => exercise.exerciseId));
    const errors = exercises.flatMap(({ exerciseId }, index) =>
      unknown.has(exerciseId)
        ? [{
          pointer: `/exercises/${index}/exerciseId`,
          detail: "is not an exercise of the catalog",
        }]
        : []
    );
    if (errors.length > 0) throw invalidBody(errors);
  }

  return {
    ...createSessionService(deps),

    searchExercises({ q, muscle, equipment, category, ids, limit, cursor }) {
      const filter = { words: q, muscle, equipment, category, ids };
      return catalog.search(filter, { limit, after: cursor });
    },

    async getExercise(id) {
      const exercise = isPathId(id) ? await catalog.find(id) : undefined;
      if (!exercise) {
        throw new Problem(
          workoutsProblems.EXERCISE_NOT_FOUND,
          "There is no exercise with this id.",
        );
      }
      return exercise;
    },

    listPlans(viewer, { limit, cursor }) {
      return plans.list(viewer, { limit, after: cursor });
    },

    async getPlan(viewer, id) {
      const plan = await findPlan(id);
      if (!isVisible(plan, viewer)) throw workoutNotFound();
      return plan;
    },

    async createPlan(ownerId, plan) {
      await checkExercises(plan.exercises);
      return await plans.insert({ id: crypto.randomUUID(), ownerId, ...plan, createdAt: now() });
    },

    async updatePlan(ownerId, id, patch) {
      const plan = await ownPlan(ownerId, id);
      const changes: PlanChanges = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      if (Object.keys(changes).length === 0) return plan;
      if (changes.exercises) await checkExercises(changes.exercises);
      const updated = await plans.update(id, ownerId, changes, now());
      if (!updated) throw workoutNotFound(); // deleted meanwhile
      return updated;
    },

    async deletePlan(ownerId, id) {
      await ownPlan(ownerId, id);
      if (!await plans.delete(id, ownerId)) throw workoutNotFound();
    },
  };
}
