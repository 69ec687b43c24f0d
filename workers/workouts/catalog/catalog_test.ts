import assert from "node:assert/strict";
import { exercises } from "./exercises.ts";
import { templates } from "./templates.ts";
import { categories, equipment, levels, muscles } from "./vocabulary.ts";

/** Minimum number of exercises per equipment value the catalog promises. */
const minimumPerEquipment: Record<string, number> = {
  barbell: 15,
  dumbbell: 15,
  machine: 12,
  cable: 12,
  bodyweight: 15,
  kettlebell: 10,
  cardio_machine: 6,
  band: 4,
  other: 3,
};

/** Lowercase words that stay lowercase inside a Title Case name. */
const minorWords = new Set(["and", "of", "to", "on", "with"]);

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function namesMatching(word: string): string[] {
  const pattern = new RegExp(`\\b${word}`, "i");
  return exercises.filter((exercise) => pattern.test(exercise.name)).map((e) => e.name);
}

Deno.test("[workouts] exercise catalog", async (t) => {
  await t.step("has at least 100 exercises", () => {
    assert.ok(exercises.length >= 100, `only ${exercises.length} exercises`);
  });

  await t.step("ids are unique kebab-case slugs", () => {
    const ids = exercises.map((exercise) => exercise.id);
    assert.equal(new Set(ids).size, ids.length, "duplicate id");
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, id);
  });

  await t.step("names are unique (case-insensitively) and in Title Case", () => {
    const names = exercises.map((exercise) => exercise.name.toLowerCase());
    assert.equal(new Set(names).size, names.length, "duplicate name");
    for (const { name } of exercises) {
      assert.equal(name, name.trim(), name);
      for (const word of name.split(/[ \-/]/)) {
        if (minorWords.has(word)) continue;
        assert.match(word, /^[A-Z0-9]/, `"${word}" in "${name}" is not capitalised`);
      }
    }
  });

  await t.step("instructions are one to three sentences", () => {
    for (const { id, instructions } of exercises) {
      const sentences = instructions.split(/(?<=[.!?])\s+/).filter((s) => s !== "");
      assert.ok(sentences.length >= 1 && sentences.length <= 3, `${id}: ${sentences.length}`);
      assert.match(instructions, /[.!?]$/, id);
    }
  });

  await t.step("categories, equipment and muscles come from the vocabularies", () => {
    for (const exercise of exercises) {
      assert.ok(categories.includes(exercise.category), `${exercise.id}: category`);
      assert.ok(equipment.includes(exercise.equipment), `${exercise.id}: equipment`);
      assert.ok(exercise.primaryMuscles.length > 0, `${exercise.id}: no primary muscle`);
      const all = [...exercise.primaryMuscles, ...exercise.secondaryMuscles];
      for (const muscle of all) assert.ok(muscles.includes(muscle), `${exercise.id}: ${muscle}`);
      assert.equal(new Set(all).size, all.length, `${exercise.id}: muscle listed twice`);
    }
  });

  await t.step("every vocabulary value is used", () => {
    const usedMuscles = new Set(
      exercises.flatMap((exercise) => [...exercise.primaryMuscles, ...exercise.secondaryMuscles]),
    );
    for (const muscle of muscles) assert.ok(usedMuscles.has(muscle), `no ${muscle} exercise`);
    const usedCategories = new Set(exercises.map((exercise) => exercise.category));
    for (const category of categories) assert.ok(usedCategories.has(category), category);
  });

  await t.step("every equipment value has its minimum count", () => {
    const counts = countBy(exercises, (exercise) => exercise.equipment);
    assert.deepEqual(Object.keys(minimumPerEquipment).sort(), [...equipment].sort());
    for (const [value, minimum] of Object.entries(minimumPerEquipment)) {
      const count = counts.get(value) ?? 0;
      assert.ok(count >= minimum, `${value}: ${count} < ${minimum}`);
    }
    const cardio = exercises.filter((exercise) => exercise.category === "cardio").length;
    assert.ok(cardio >= 8, `only ${cardio} cardio exercises`);
  });

  await t.step("search words appear inside names", () => {
    assert.ok(namesMatching("squat").length >= 5, namesMatching("squat").join(", "));
    for (const word of ["press", "row", "curl", "deadlift", "raise", "swing"]) {
      assert.ok(namesMatching(word).length >= 2, `too few names with "${word}"`);
    }
  });
});

Deno.test("[workouts] workout templates", async (t) => {
  const catalog = new Set(exercises.map((exercise) => exercise.id));

  await t.step("has at least 6 templates with unique tpl- ids and names", () => {
    assert.ok(templates.length >= 6);
    const ids = templates.map((template) => template.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^tpl-[a-z0-9]+(-[a-z0-9]+)*$/, id);
    const names = templates.map((template) => template.name);
    assert.equal(new Set(names).size, names.length);
  });

  await t.step("every template exercise exists and has sane numbers", () => {
    for (const template of templates) {
      assert.ok(levels.includes(template.level), template.id);
      assert.ok(template.description.length > 0, template.id);
      assert.ok(template.exercises.length > 0, template.id);
      for (const item of template.exercises) {
        assert.ok(catalog.has(item.exerciseId), `${template.id}: ${item.exerciseId}`);
        assert.ok(Number.isInteger(item.sets) && item.sets >= 1, `${template.id}: sets`);
        assert.ok(Number.isInteger(item.reps) && item.reps >= 1, `${template.id}: reps`);
        if (item.weightKg !== undefined) assert.ok(item.weightKg > 0 && item.weightKg <= 1000);
        if (item.restSec !== undefined) assert.ok(item.restSec >= 0);
      }
    }
  });

  await t.step("covers the classic programmes", () => {
    const ids = (id: string) =>
      templates.find((template) => template.id === id)?.exercises.map((e) => e.exerciseId);
    assert.deepEqual(ids("tpl-5x5-strength-a"), [
      "barbell-back-squat",
      "barbell-bench-press",
      "barbell-bent-over-row",
    ]);
    assert.deepEqual(ids("tpl-5x5-strength-b"), [
      "barbell-back-squat",
      "barbell-overhead-press",
      "barbell-deadlift",
    ]);
    for (
      const id of [
        "tpl-ppl-push",
        "tpl-ppl-pull",
        "tpl-ppl-legs",
        "tpl-full-body-beginner",
        "tpl-upper-lower-upper",
        "tpl-upper-lower-lower",
        "tpl-kettlebell-conditioning",
        "tpl-cardio-conditioning",
      ]
    ) {
      assert.ok(ids(id), `missing ${id}`);
    }
  });
});
