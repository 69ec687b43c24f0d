/**
 * The workouts tables through drizzle: the catalog, plans and the erasure of
 * a member's data here; logged sessions in ./session_repository.ts. The only
 * files of the worker that speak SQL.
 *
 * Lists are keyset-paginated (shared/stores/postgres/keyset_page.ts).
 *
 * @module
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import {
  cursorTimeOf,
  type KeysetPage,
  keysetPage,
} from "../../shared/stores/postgres/keyset_page.ts";
import type { ExerciseCursor, PlanCursor } from "./schema.ts";
import { createSessionRepository, type SessionRepository } from "./session_repository.ts";
import { exercises, personalBests, plans, sessions } from "./tables.ts";

const exerciseColumns = {
  id: exercises.id,
  name: exercises.name,
  category: exercises.category,
  primaryMuscles: exercises.primaryMuscles,
  secondaryMuscles: exercises.secondaryMuscles,
  equipment: exercises.equipment,
  instructions: exercises.instructions,
};

/** An exercise of the catalog. */
export type ExerciseRow = {
  [K in keyof typeof exerciseColumns]: (typeof exercises.$inferSelect)[K];
};

/** Filters of a catalog search (each optional; they combine with AND). */
export interface ExerciseFilter {
  /** Sanitised words (letters and digits only): each must prefix a word of the name. */
  words?: string[];
  muscle?: string;
  equipment?: string;
  category?: string;
  /** Only these exercises. */
  ids?: string[];
}

/** Reads of the seeded catalog. */
export interface CatalogRepository {
  /** Changes whenever any exercise changes: a digest of the whole catalog. */
  version(): Promise<string>;
  /** Exercises matching `filter`, ordered by (name, id), after `after`. */
  search(
    filter: ExerciseFilter,
    page: { limit: number; after?: ExerciseCursor },
  ): Promise<KeysetPage<ExerciseRow, ExerciseCursor>>;
  find(id: string): Promise<ExerciseRow | undefined>;
  /** The ids among `ids` that name no exercise. */
  unknownIds(ids: readonly string[]): Promise<Set<string>>;
}

/** A stored plan. */
export type PlanRow = typeof plans.$inferSelect;

/** The columns a plan's owner may change. */
export type PlanChanges = Partial<Pick<PlanRow, "name" | "description" | "level" | "exercises">>;

/** Reads and writes of `workouts.plans`. */
export interface PlanRepository {
  find(id: string): Promise<PlanRow | undefined>;
  /** Public templates, then `viewer`'s own plans (when given), each by (created_at, id). */
  list(
    viewer: string | undefined,
    page: { limit: number; after?: PlanCursor },
  ): Promise<KeysetPage<PlanRow, PlanCursor>>;
  insert(plan: Omit<PlanRow, "updatedAt">): Promise<PlanRow>;
  /** Changes `ownerId`'s plan `id`; undefined when they own no such plan. */
  update(id: string, ownerId: string, changes: PlanChanges, at: Date): Promise<PlanRow | undefined>;
  /** True when `ownerId`'s plan `id` was deleted. */
  delete(id: string, ownerId: string): Promise<boolean>;
}

/** Everything the workouts worker stores, by table family. */
export interface WorkoutsRepository {
  catalog: CatalogRepository;
  plans: PlanRepository;
  sessions: SessionRepository;
  /**
   * Deletes `userId`'s plans, sessions and personal bests in one transaction
   * (account deletion); returns the ids of the deleted plans.
   */
  eraseUser(userId: string): Promise<{ planIds: string[] }>;
}

/** `to_tsquery` text from sanitised words: `squ:* & fro:*` (no user syntax ever reaches it). */
function prefixQuery(words: readonly string[]): string {
  return words.map((word) => `${word}:*`).join(" & ");
}

/**
 * The query of a catalog search: at most `take` rows after `after`, ordered
 * by (name, id) on `exercises_name_id_idx` or a filter's index. Exported so
 * a test can `EXPLAIN` the very query served.
 */
export function exerciseSearch(
  db: Database,
  filter: ExerciseFilter,
  { take, after }: { take: number; after?: ExerciseCursor },
) {
  return db.select(exerciseColumns).from(exercises)
    .where(and(
      filter.words
        ? sql`${exercises.search} @@ to_tsquery('simple', ${prefixQuery(filter.words)})`
        : undefined,
      filter.muscle
        ? sql`${exercises.primaryMuscles} @> array[${filter.muscle}]::text[]`
        : undefined,
      filter.equipment ? eq(exercises.equipment, filter.equipment) : undefined,
      filter.category ? eq(exercises.category, filter.category) : undefined,
      filter.ids ? inArray(exercises.id, filter.ids) : undefined,
      after && sql`(${exercises.name}, ${exercises.id}) > (${after.name}, ${after.id})`,
    ))
    .orderBy(asc(exercises.name), asc(exercises.id))
    .limit(take);
}

/** The catalog over `db`. */
function createCatalogRepository(db: Database): CatalogRepository {
  return {
    async version() {
      const [row] = await db.select({
        digest: sql<string>`md5(coalesce(string_agg(row(${exercises.id}, ${exercises.name},
          ${exercises.category}, ${exercises.primaryMuscles}, ${exercises.secondaryMuscles},
          ${exercises.equipment}, ${exercises.instructions})::text, ',' order by ${exercises.id}), ''))`,
      }).from(exercises);
      return row.digest;
    },

    search(filter, { limit, after }) {
      return keysetPage((take) => exerciseSearch(db, filter, { take, after }), limit, {
        item: (row) => row,
        position: (last) => ({ name: last.name, id: last.id }),
      });
    },

    async find(id) {
      const [row] = await db.select(exerciseColumns).from(exercises).where(eq(exercises.id, id));
      return row;
    },

    async unknownIds(ids) {
      const wanted = [...new Set(ids)];
      if (wanted.length === 0) return new Set();
      const found = await db.select({ id: exercises.id }).from(exercises)
        .where(inArray(exercises.id, wanted));
      const known = new Set(found.map((row) => row.id));
      return new Set(wanted.filter((id) => !known.has(id)));
    },
  };
}

/** Plans over `db`. */
function createPlanRepository(db: Database): PlanRepository {
  return {
    async find(id) {
      const [row] = await db.select().from(plans).where(eq(plans.id, id));
      return row;
    },

    list(viewer, { limit, after }) {
      // Two lists read as one: templates (phase 0), then the viewer's own plans (1).
      const phases: (0 | 1)[] = viewer === undefined ? [0] : [0, 1];
      const query = async (take: number) => {
        const listed: (PlanCursor & { plan: PlanRow })[] = [];
        for (const phase of phases) {
          if (after && phase < after.phase) continue;
          const from = after?.phase === phase ? after : undefined;
          const rows = await db.select({ plan: plans, at: cursorTimeOf(plans.createdAt) })
            .from(plans)
            .where(and(
              phase === 0 ? isNull(plans.ownerId) : eq(plans.ownerId, viewer!),
              from &&
                sql`(${plans.createdAt}, ${plans.id}) > (${from.at}::timestamptz, ${from.id})`,
            ))
            .orderBy(asc(plans.createdAt), asc(plans.id))
            .limit(take - listed.length);
          for (const { plan, at } of rows) listed.push({ phase, at, id: plan.id, plan });
          if (listed.length >= take) break;
        }
        return listed;
      };
      return keysetPage(query, limit, {
        item: (row) => row.plan,
        position: ({ phase, at, id }) => ({ phase, at, id }),
      });
    },

    async insert(plan) {
      const [row] = await db.insert(plans).values({ ...plan, updatedAt: plan.createdAt })
        .returning();
      return row;
    },

    async update(id, ownerId, changes, at) {
      const [row] = await db.update(plans)
        .set({ ...changes, updatedAt: at })
        .where(and(eq(plans.id, id), eq(plans.ownerId, ownerId)))
        .returning();
      return row;
    },

    async delete(id, ownerId) {
      const deleted = await db.delete(plans)
        .where(and(eq(plans.id, id), eq(plans.ownerId, ownerId)))
        .returning({ id: plans.id });
      return deleted.length > 0;
    },
  };
}

/** The whole repository over `db`. */
export function createWorkoutsRepository(db: Database): WorkoutsRepository {
  return {
    catalog: createCatalogRepository(db),
    plans: createPlanRepository(db),
    sessions: createSessionRepository(db),
    eraseUser(userId) {
      return db.transaction(async (tx) => {
        const deleted = await tx.delete(plans).where(eq(plans.ownerId, userId))
          .returning({ id: plans.id });
        await tx.delete(sessions).where(eq(sessions.userId, userId));
        await tx.delete(personalBests).where(eq(personalBests.userId, userId));
        return { planIds: deleted.map((row) => row.id) };
      });
    },
  };
}
