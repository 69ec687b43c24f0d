import assert from "node:assert/strict";
import { asc, eq, isNull, sql } from "drizzle-orm";
import { openPostgres } from "../../../shared/stores/postgres/mod.ts";
import type { Database } from "../../../shared/stores/postgres/port.ts";
import { exercises } from "./exercises.ts";
import type { SeedExercise } from "./exercises.ts";
import { templates } from "./templates.ts";
import { exercises as exercisesTable, plans as plansTable } from "../tables.ts";
import {
  sqlJsonb,
  sqlString,
  sqlTextArray,
  STATEMENT_BREAKPOINT,
} from "../../../shared/stores/postgres/sql_literals.ts";
import { renderCatalogSql, renderExercisesSql } from "./seed_sql.ts";

/** Runs rendered SQL the way drizzle's migrator does: one statement per breakpoint. */
async function execute(db: Database, rendered: string): Promise<void> {
  for (const statement of rendered.split(STATEMENT_BREAKPOINT)) {
    if (statement.trim() !== "") await db.execute(sql.raw(statement));
  }
}

const awkward: SeedExercise = {
  id: "test-awkward-name",
  name: `Farmer's "Walk"'); DROP TABLE "workouts"."exercises"; -- \\ end`,
  category: "strength",
  primaryMuscles: ["forearms"],
  secondaryMuscles: [],
  equipment: "other",
  instructions: "It's a test: quotes ', doubled '' and a backslash \\n stay as written.",
};

Deno.test("[seed] catalog SQL rendering", async (t) => {
  await t.step("doubles single quotes in strings", () => {
    assert.equal(sqlString("Farmer's Carry"), "'Farmer''s Carry'");
    assert.equal(sqlString("''"), "''''''");
    assert.throws(() => sqlString("a\0b"), /NUL/);
  });

  await t.step("renders text arrays and jsonb", () => {
    assert.equal(sqlTextArray(["glutes", "it's"]), "ARRAY['glutes','it''s']::text[]");
    assert.equal(sqlTextArray([]), "ARRAY[]::text[]");
    assert.equal(sqlJsonb({ note: "it's" }), `'{"note":"it''s"}'::jsonb`);
  });

  await t.step("renders a name with an apostrophe safely", () => {
    const rendered = renderExercisesSql([awkward]);
    assert.ok(rendered.includes(`'Farmer''s "Walk"''); DROP TABLE`));
    assert.ok(rendered.startsWith(`INSERT INTO "workouts"."exercises" (id, name, category,`));
    assert.ok(rendered.includes("ON CONFLICT (id) DO UPDATE SET"));
  });

  await t.step("separates the two upserts with one statement breakpoint", () => {
    const rendered = renderCatalogSql();
    const statements = rendered.split(`\n${STATEMENT_BREAKPOINT}\n`);
    assert.equal(statements.length, 2);
    assert.match(statements[0], /INSERT INTO "workouts"\."exercises"/);
    assert.match(statements[1], /^INSERT INTO "workouts"\."plans"/);
    for (const statement of statements) assert.match(statement.trim(), /;$/);
  });
});

Deno.test("[seed] catalog migration on PGlite", async (t) => {
  // In memory; openPostgres applies every migration in db/migrations, the seed included.
  const store = await openPostgres({});
  const { db } = store;
  try {
    await t.step("the migrations seed exactly the catalog", async () => {
      const rows = await db.select({
        id: exercisesTable.id,
        name: exercisesTable.name,
        category: exercisesTable.category,
        primaryMuscles: exercisesTable.primaryMuscles,
        secondaryMuscles: exercisesTable.secondaryMuscles,
        equipment: exercisesTable.equipment,
        instructions: exercisesTable.instructions,
      }).from(exercisesTable).orderBy(asc(exercisesTable.id));
      assert.equal(rows.length, exercises.length);
      const expected = exercises.toSorted((a, b) => a.id < b.id ? -1 : 1);
      // A mismatch here means the catalog changed without a new seed migration.
      assert.deepEqual(rows, expected);
    });

    await t.step("the migrations seed exactly the public templates", async () => {
      const rows = await db.select({
        id: plansTable.id,
        name: plansTable.name,
        description: plansTable.description,
        level: plansTable.level,
        exercises: plansTable.exercises,
      }).from(plansTable).where(isNull(plansTable.ownerId)).orderBy(asc(plansTable.id));
      assert.equal(rows.length, templates.length);
      const expected = templates.toSorted((a, b) => a.id < b.id ? -1 : 1);
      assert.deepEqual(rows, expected);
    });

    await t.step("full-text search on names finds the squats", async () => {
      const byExpression = await db.select({ name: exercisesTable.name }).from(exercisesTable)
        .where(
          sql`to_tsvector('simple', ${exercisesTable.name}) @@ to_tsquery('simple', 'squat:*')`,
        );
      const byColumn = await db.select({ name: exercisesTable.name }).from(exercisesTable)
        .where(sql`${exercisesTable.search} @@ to_tsquery('simple', 'squat:*')`);
      const squats = exercises.filter((exercise) => /\bsquat/i.test(exercise.name)).length;
      assert.ok(byExpression.length >= 5, `${byExpression.length} squats found`);
      assert.equal(byExpression.length, squats);
      assert.equal(byColumn.length, squats);
      assert.ok(byColumn.some(({ name }) => name === "Bulgarian Split Squat"));
    });

    await t.step("an awkward name round-trips unchanged", async () => {
      await execute(db, renderExercisesSql([awkward]));
      const [row] = await db.select().from(exercisesTable)
        .where(eq(exercisesTable.id, awkward.id));
      assert.equal(row.name, awkward.name);
      assert.equal(row.instructions, awkward.instructions);
      assert.deepEqual(row.secondaryMuscles, []);
      await db.delete(exercisesTable).where(eq(exercisesTable.id, awkward.id));
    });

    await t.step("re-running the seed updates rows and leaves members' plans alone", async () => {
      await db.update(exercisesTable).set({ name: "Renamed" })
        .where(eq(exercisesTable.id, "barbell-back-squat"));
      await db.update(plansTable).set({ exercises: [] })
        .where(eq(plansTable.id, "tpl-ppl-push"));
      // A member's plan that happens to share a template id is not overwritten.
      await db.update(plansTable).set({ ownerId: "user-1" })
        .where(eq(plansTable.id, "tpl-mobility-flow"));

      await execute(db, renderCatalogSql());

      const [squat] = await db.select().from(exercisesTable)
        .where(eq(exercisesTable.id, "barbell-back-squat"));
      assert.equal(squat.name, "Barbell Back Squat");
      const [push] = await db.select().from(plansTable).where(eq(plansTable.id, "tpl-ppl-push"));
      assert.equal(
        push.exercises.length,
        templates.find((p) => p.id === push.id)?.exercises.length,
      );
      const [mine] = await db.select().from(plansTable)
        .where(eq(plansTable.id, "tpl-mobility-flow"));
      assert.equal(mine.ownerId, "user-1");
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(exercisesTable);
      assert.equal(count.n, exercises.length);
    });
  } finally {
    await store.close();
  }
});
