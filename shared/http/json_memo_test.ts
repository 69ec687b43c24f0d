import assert from "node:assert/strict";
import { memoizedJson } from "./json_memo.ts";

Deno.test("[shared] JSON of frozen rows is made once per row and variant", () => {
  const renders: string[] = [];
  const textOf = memoizedJson((row: { n: number }, role: string) => {
    renders.push(role);
    return { n: row.n, role };
  });
  const frozen = Object.freeze({ n: 1 });
  assert.equal(textOf(frozen, "member"), '{"n":1,"role":"member"}');
  assert.equal(textOf(frozen, "member"), '{"n":1,"role":"member"}');
  assert.equal(textOf(frozen, "admin"), '{"n":1,"role":"admin"}');
  assert.deepEqual(renders, ["member", "admin"]);
  const open = { n: 2 };
  assert.equal(textOf(open, "member"), '{"n":2,"role":"member"}');
  open.n = 3;
  assert.equal(
    textOf(open, "member"),
    '{"n":3,"role":"member"}',
    "a row that can change is re-rendered",
  );
});
