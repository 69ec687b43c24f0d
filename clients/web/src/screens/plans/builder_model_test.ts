import assert from "node:assert/strict";
import { changeRow, moveRow, newRow, removeRow, toInput } from "./builder_model.ts";

const rows = [newRow("a", "A"), newRow("b", "B"), newRow("c", "C")];
const ids = (list: { exerciseId: string }[]) => list.map((row) => row.exerciseId).join("");

Deno.test("plan builder: move up and down, not past the ends", () => {
  assert.equal(ids(moveRow(rows, 1, -1)), "bac");
  assert.equal(ids(moveRow(rows, 1, 1)), "acb");
  assert.equal(ids(moveRow(rows, 0, -1)), "abc");
  assert.equal(ids(moveRow(rows, 2, 1)), "abc");
  assert.equal(ids(rows), "abc", "the original is untouched");
});

Deno.test("plan builder: remove, change, and the API's input", () => {
  assert.equal(ids(removeRow(rows, 1)), "ac");
  const changed = changeRow(rows, 0, { sets: 5, reps: 5, weightKg: 100 });
  assert.deepEqual(toInput(changed)[0], {
    exerciseId: "a",
    sets: 5,
    reps: 5,
    weightKg: 100,
    restSec: 90,
  });
  assert.notEqual(rows[0].key, rows[1].key);
});
