/**
 * The workouts worker's HTTP surface: the public catalog, plans and sessions.
 * HTTP only: headers, status codes and wire shapes; the use cases live in
 * ./service.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { optionalAuth, requireAuth, requireScope } from "../../shared/auth/middleware.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { jsonBody, queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { pageBody, withNextLink } from "../../shared/http/paging.ts";
import { etagged, etaggedJsonOf, etagOfBody, ifNoneMatchHits } from "../../shared/http/etag.ts";
import type { ExerciseRow, PlanRow } from "./repository.ts";
import {
  cursorOf,
  type ExerciseBody,
  exerciseQuerySchema,
  newPlanSchema,
  newSessionSchema,
  type PlanBody,
  planPatchSchema,
  planQuerySchema,
  type SessionBody,
  sessionQuerySchema,
} from "./schema.ts";
import type { SessionRow } from "./session_repository.ts";
import type { WorkoutsService } from "./service.ts";
import { workoutsDocs } from "./route_docs.ts";

/** Browsers and shared caches may keep catalog answers 5 minutes, then revalidate by ETag. */
const catalogCacheControl = "public, max-age=300";

function exerciseBody(row: ExerciseRow): ExerciseBody {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    primaryMuscles: row.primaryMuscles,
    secondaryMuscles: row.secondaryMuscles,
    equipment: row.equipment,
    instructions: row.instructions,
  };
}

/**
 * `value`'s members in the order of `keys`, absent ones left out: `jsonb`
 * stores object keys in its own order, and an answer should read the same
 * whether it came from memory or from the database.
 */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const result: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) result[key] = value[key];
  return result as T;
}

const planExerciseKeys = ["exerciseId", "sets", "reps", "weightKg", "restSec"] as const;
const setKeys = ["reps", "weightKg", "durationSec", "distanceM", "rpe"] as const;
const recordKeys = ["exerciseId", "kind", "value"] as const;

/** The wire shape of a plan. */
export function planBody(plan: PlanRow): PlanBody {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    level: plan.level,
    ownerId: plan.ownerId,
    exercises: plan.exercises.map((exercise) => ordered(exercise, planExerciseKeys)),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

/** A plan's 200 (or 304) with its strong ETag, made once per cached row (./cache.ts). */
const planAnswer = etaggedJsonOf(planBody);

/** The wire shape of a session. */
function sessionBody(session: SessionRow): SessionBody {
  return {
    id: session.id,
    clientId: session.clientId,
    workoutId: session.workoutId,
    startedAt: session.startedAt.toISOString(),
    endedAt: session.endedAt?.toISOString() ?? null,
    notes: session.notes,
    entries: session.entries.map((entry) => ({
      exerciseId: entry.exerciseId,
      sets: entry.sets.map((set) => ordered(set, setKeys)),
    })),
    volumeKg: session.volumeKg,
    personalRecords: session.personalRecords.map((record) => ordered(record, recordKeys)),
    createdAt: session.createdAt.toISOString(),
  };
}

/** Validators of a public catalog answer: a strong ETag of the body, and `Cache-Control`. */
async function catalogHeaders(body: unknown): Promise<Record<string, string>> {
  return { etag: await etagOfBody(JSON.stringify(body)), "cache-control": catalogCacheControl };
}

/** The workouts routes over `service`, authenticating members with `verifier`. */
export function createWorkoutsRoutes(service: WorkoutsService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);
  const viewer = optionalAuth(verifier);

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .get(
      "/v1/exercises",
      workoutsDocs.listExercises,
      queryParams(exerciseQuerySchema),
      async (c) => {
        const result = await service.searchExercises(c.req.valid("query"));
        const body = pageBody(result, exerciseBody, cursorOf.exercise);
        const headers = await catalogHeaders(body);
        if (ifNoneMatchHits(c.req.header("if-none-match"), headers.etag)) {
          return c.body(null, 304, headers);
        }
        return c.json(withNextLink(c, body), 200, headers);
      },
    )
    .get("/v1/exercises/:id", workoutsDocs.getExercise, async (c) => {
      const body = exerciseBody(await service.getExercise(c.req.param("id")));
      const headers = await catalogHeaders(body);
      if (ifNoneMatchHits(c.req.header("if-none-match"), headers.etag)) {
        return c.body(null, 304, headers);
      }
      return c.json(body, 200, headers);
    })
    .get(
      "/v1/workouts",
      workoutsDocs.listPlans,
      viewer,
      requireScope("workouts:read"),
      etagged,
      queryParams(planQuerySchema),
      async (c) => {
        const result = await service.listPlans(c.get("viewer"), c.req.valid("query"));
        return c.json(withNextLink(c, pageBody(result, planBody, cursorOf.plan)), 200);
      },
    )
    .get(
      "/v1/workouts/:id",
      workoutsDocs.getPlan,
      viewer,
      requireScope("workouts:read"),
      async (c) => {
        return await planAnswer(c, await service.getPlan(c.get("viewer"), c.req.param("id")));
      },
    )
    .post(
      "/v1/workouts",
      workoutsDocs.createPlan,
      authenticated,
      requireScope("workouts:write"),
      jsonBody(newPlanSchema),
      async (c) => {
        const plan = await service.createPlan(c.get("auth").sub, c.req.valid("json"));
        return c.json(planBody(plan), 201, { location: `/v1/workouts/${plan.id}` });
      },
    )
    .patch(
      "/v1/workouts/:id",
      workoutsDocs.updatePlan,
      authenticated,
      requireScope("workouts:write"),
      jsonBody(planPatchSchema),
      async (c) => {
        const plan = await service.updatePlan(
          c.get("auth").sub,
          c.req.param("id"),
          c.req.valid("json"),
        );
        return c.json(planBody(plan), 200);
      },
    )
    .delete(
      "/v1/workouts/:id",
      workoutsDocs.deletePlan,
      authenticated,
      requireScope("workouts:write"),
      async (c) => {
        await service.deletePlan(c.get("auth").sub, c.req.param("id"));
        return c.body(null, 204);
      },
    )
    .post(
      "/v1/sessions",
      workoutsDocs.logSession,
      authenticated,
      requireScope("sessions:write"),
      jsonBody(newSessionSchema),
      async (c) => {
        const { session, created } = await service.logSession(
          c.get("auth").sub,
          c.req.valid("json"),
        );
        // 200 for a retry: the client learns its session exists and nothing new was made.
        return c.json(sessionBody(session), created ? 201 : 200, {
          location: `/v1/sessions/${session.id}`,
        });
      },
    )
    .get(
      "/v1/sessions",
      workoutsDocs.listSessions,
      authenticated,
      requireScope("sessions:read"),
      etagged,
      queryParams(sessionQuerySchema),
      async (c) => {
        const result = await service.listSessions(c.get("auth").sub, c.req.valid("query"));
        return c.json(withNextLink(c, pageBody(result, sessionBody, cursorOf.session)), 200);
      },
    )
    .get(
      "/v1/sessions/:id",
      workoutsDocs.getSession,
      authenticated,
      requireScope("sessions:read"),
      etagged,
      async (c) => {
        return c.json(sessionBody(await service.getSession(c.get("auth").sub, c.req.param("id"))));
      },
    );
}
