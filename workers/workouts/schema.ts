/**
 * Wire schemas of the workouts worker: what its routes accept and answer.
 *
 * Messages never echo the input: the client knows what it sent, and a long
 * value would bloat the error and the logs. Strings that reach Postgres are
 * refused when they hold NUL, which `text` and `jsonb` cannot store.
 *
 * @module
 */
import * as v from "valibot";
import { idPattern } from "../../shared/http/path_id.ts";
import { cursorParam, limitParam } from "../../shared/http/paging.ts";
import { categories, equipment, levels, muscles } from "./catalog/vocabulary.ts";
import type { LoggedEntry, PersonalRecord, PlanExercise } from "./tables.ts";
import { parseTimestamp } from "./time.ts";

/** Ids of exercises, plans and sessions, and client ids: URL-safe, 1–100 characters. */
const idSchema = v.pipe(
  v.string("must be a string"),
  v.regex(idPattern, "must be an id: 1–100 letters, digits, '-' or '_'"),
);

function noNul(input: string): boolean {
  return !input.includes("\u0000");
}

function textSchema(max: number, options: { trim?: boolean; min?: number } = {}) {
  return v.pipe(
    v.string("must be a string"),
    v.transform((input: string) => options.trim ? input.trim() : input),
    v.minLength(options.min ?? 0, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check(noNul, "must not contain NUL characters"),
  );
}

function integerIn(min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

function numberIn(min: number, max: number) {
  const message = `must be a number from ${min} to ${max}`;
  return v.pipe(v.number(message), v.minValue(min, message), v.maxValue(max, message));
}

/** Earliest and latest instants accepted (Postgres and every client handle these). */
const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An RFC 3339 date-time (any offset) as a Date, from 1970 on. */
const timestampSchema = v.pipe(
  v.string("must be a string"),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const date = parseTimestamp(dataset.value);
    if (date === undefined || date.getTime() < earliest || date.getTime() > latest) {
      addIssue({
        message: "must be an RFC 3339 date-time from 1970 on, such as 2026-03-01T09:00:00Z",
      });
      return NEVER;
    }
    return date;
  }),
);

/** A cursor's time: Postgres' microsecond rendering, which a JavaScript Date would truncate. */
const cursorTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  v.check((text) => {
    const date = parseTimestamp(text);
    return date !== undefined && date.getTime() >= earliest && date.getTime() <= latest;
  }),
);
const cursorId = v.pipe(v.string(), v.regex(idPattern));

/** Where a page of exercises ends: the last (name, id). */
export interface ExerciseCursor {
  name: string;
  id: string;
}

/** Where a page of plans ends: templates come first (phase 0), then the caller's plans (1). */
export interface PlanCursor {
  phase: 0 | 1;
  /** `created_at` of the last plan, to the microsecond. */
  at: string;
  id: string;
}

/** Where a page of sessions ends: the last (started_at, id), newest first. */
export interface SessionCursor {
  at: string;
  id: string;
}

const exerciseCursor = v.pipe(
  v.strictObject({
    k: v.literal("ex"),
    n: v.pipe(v.string(), v.maxLength(300), v.check(noNul)),
    i: cursorId,
  }),
  v.transform((c): ExerciseCursor => ({ name: c.n, id: c.i })),
);

const planCursor = v.pipe(
  v.strictObject({ k: v.literal("pl"), p: v.picklist([0, 1]), t: cursorTime, i: cursorId }),
  v.transform((c): PlanCursor => ({ phase: c.p, at: c.t, id: c.i })),
);

const sessionCursor = v.pipe(
  v.strictObject({ k: v.literal("se"), t: cursorTime, i: cursorId }),
  v.transform((c): SessionCursor => ({ at: c.t, id: c.i })),
);

/** The cursor of the page after one ending at `last`. */
export const cursorOf = {
  exercise: (last: ExerciseCursor) => ({ k: "ex", n: last.name, i: last.id }),
  plan: (last: PlanCursor) => ({ k: "pl", p: last.phase, t: last.at, i: last.id }),
  session: (last: SessionCursor) => ({ k: "se", t: last.at, i: last.id }),
};

/** The words of a search: runs of letters, marks and digits, lower-cased. */
export function searchWords(q: string): string[] {
  return q.normalize("NFKC").toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/**
 * `GET /v1/exercises`. `q` finds exercises whose name has, for each word of
 * `q`, a word starting with it ("squ" finds "Front Squat"); `muscle` matches
 * the *primary* muscles only (an exercise that merely assists a muscle is not
 * a way to train it); `equipment` and `category` match exactly; `ids` keeps
 * the named exercises only (the GraphQL gateway's batch read). Filters combine
 * with AND.
 */
export const exerciseQuerySchema = v.object({
  q: v.optional(v.pipe(
    v.string(),
    v.maxLength(200, "must be at most 200 characters"),
    v.transform(searchWords),
    v.minLength(1, "must contain a letter or a digit"),
    v.maxLength(10, "must have at most 10 words"),
    v.check(
      (words) => words.every((word) => word.length <= 64),
      "must not have words over 64 characters",
    ),
  )),
  muscle: v.optional(v.picklist(muscles, `must be one of ${muscles.join(", ")}`)),
  equipment: v.optional(v.picklist(equipment, `must be one of ${equipment.join(", ")}`)),
  category: v.optional(v.picklist(categories, `must be one of ${categories.join(", ")}`)),
  /** Comma-separated exercise ids (at most 100): a batch read of named exercises. */
  ids: v.optional(v.pipe(
    v.string(),
    v.transform((list: string) => [...new Set(list.split(","))]),
    v.minLength(1, "must name at least one id"),
    v.maxLength(100, "must name at most 100 ids"),
    v.check((ids) => ids.every((id) => idPattern.test(id)), "must be comma-separated ids"),
  )),
  limit: limitParam,
  cursor: cursorParam(exerciseCursor),
});
export type ExerciseQuery = v.InferOutput<typeof exerciseQuerySchema>;

/** `GET /v1/workouts`. */
export const planQuerySchema = v.object({ limit: limitParam, cursor: cursorParam(planCursor) });
export type PlanQuery = v.InferOutput<typeof planQuerySchema>;

/** `GET /v1/sessions`: `from` ≤ startedAt < `to`, both optional. */
export const sessionQuerySchema = v.pipe(
  v.object({
    from: v.optional(timestampSchema),
    to: v.optional(timestampSchema),
    limit: limitParam,
    cursor: cursorParam(sessionCursor),
  }),
  v.forward(
    v.partialCheck(
      [["from"], ["to"]],
      ({ from, to }) => from === undefined || to === undefined || from <= to,
      "must not be before from",
    ),
    ["to"],
  ),
);
export type SessionQuery = v.InferOutput<typeof sessionQuerySchema>;

const planExerciseSchema = v.strictObject(
  {
    exerciseId: idSchema,
    sets: integerIn(1, 100),
    reps: integerIn(1, 1000),
    weightKg: v.optional(numberIn(0, 1000)),
    restSec: v.optional(integerIn(0, 3600)),
  },
  "must be an object with exerciseId, sets, reps and optionally weightKg and restSec",
);

const planExercisesSchema = v.pipe(
  v.array(planExerciseSchema, "must be an array"),
  v.minLength(1, "must have at least 1 exercise"),
  v.maxLength(100, "must have at most 100 exercises"),
);

const planEntries = {
  name: textSchema(100, { trim: true, min: 1 }),
  description: textSchema(2000),
  level: v.picklist(levels, `must be one of ${levels.join(", ")}`),
  exercises: planExercisesSchema,
};

/** `POST /v1/workouts`: a new plan of the caller's (level defaults to beginner). */
export const newPlanSchema = v.strictObject(
  {
    name: planEntries.name,
    description: v.optional(planEntries.description, ""),
    level: v.optional(planEntries.level, "beginner"),
    exercises: planEntries.exercises,
  },
  "must be an object with name, exercises and optionally description and level",
);
export type NewPlan = v.InferOutput<typeof newPlanSchema>;

/** `PATCH /v1/workouts/:id`: the fields to change; `exercises` replaces the whole list. */
export const planPatchSchema = v.strictObject(
  {
    name: v.optional(planEntries.name),
    description: v.optional(planEntries.description),
    level: v.optional(planEntries.level),
    exercises: v.optional(planEntries.exercises),
  },
  "must be an object with only name, description, level and exercises",
);
export type PlanPatch = v.InferOutput<typeof planPatchSchema>;

const measures = ["reps", "weightKg", "durationSec", "distanceM"] as const;

const loggedSetSchema = v.pipe(
  v.strictObject(
    {
      reps: v.optional(integerIn(0, 1000)),
      weightKg: v.optional(numberIn(0, 1000)),
      durationSec: v.optional(integerIn(0, 86_400)),
      distanceM: v.optional(numberIn(0, 1_000_000)),
      rpe: v.optional(v.pipe(
        numberIn(1, 10),
        v.check(
          (rpe) => Number.isInteger(rpe * 2),
          "must be a number from 1 to 10 in steps of 0.5",
        ),
      )),
    },
    "must be an object with reps, weightKg, durationSec, distanceM or rpe",
  ),
  v.check(
    (set) => measures.some((measure) => set[measure] !== undefined),
    "must have at least one of reps, weightKg, durationSec and distanceM",
  ),
);

const entrySchema = v.strictObject(
  {
    exerciseId: idSchema,
    sets: v.pipe(
      v.array(loggedSetSchema, "must be an array"),
      v.minLength(1, "must have at least 1 set"),
      v.maxLength(100, "must have at most 100 sets"),
    ),
  },
  "must be an object with exerciseId and sets",
);

/**
 * `POST /v1/sessions`. Rules that need the clock (startedAt at most 24 h
 * ahead) or the database (known exercises, a visible workout) are the service's.
 */
export const newSessionSchema = v.pipe(
  v.strictObject(
    {
      clientId: v.optional(idSchema),
      workoutId: v.optional(v.nullable(idSchema)),
      startedAt: timestampSchema,
      endedAt: v.optional(v.nullable(timestampSchema)),
      notes: v.optional(textSchema(2000), ""),
      entries: v.pipe(
        v.array(entrySchema, "must be an array"),
        v.minLength(1, "must have at least 1 entry"),
        v.maxLength(100, "must have at most 100 entries"),
      ),
    },
    "must be an object with startedAt, entries and optionally clientId, workoutId, endedAt and notes",
  ),
  v.forward(
    v.partialCheck(
      [["startedAt"], ["endedAt"]],
      ({ startedAt, endedAt }) => endedAt == null || endedAt >= startedAt,
      "must not be before startedAt",
    ),
    ["endedAt"],
  ),
);
export type NewSession = v.InferOutput<typeof newSessionSchema>;

/** An exercise of the catalog, as answered. */
export interface ExerciseBody {
  id: string;
  name: string;
  category: string;
  primaryMuscles: string[];
  secondaryMuscles: string[];
  equipment: string;
  instructions: string;
}

/** A plan, as answered (`ownerId` null for a public template). */
export interface PlanBody {
  id: string;
  name: string;
  description: string;
  level: string;
  ownerId: string | null;
  exercises: PlanExercise[];
  createdAt: string;
  updatedAt: string;
}

/** A logged session, as answered (RFC 3339 UTC times). */
export interface SessionBody {
  id: string;
  clientId: string;
  workoutId: string | null;
  startedAt: string;
  endedAt: string | null;
  notes: string;
  entries: LoggedEntry[];
  volumeKg: number;
  personalRecords: PersonalRecord[];
  createdAt: string;
}
