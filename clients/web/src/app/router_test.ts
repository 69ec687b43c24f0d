import assert from "node:assert/strict";
import { matchPath } from "./router.tsx";

Deno.test("router: patterns match whole paths and decode their parameters", () => {
  assert.deepEqual(matchPath("/", "/"), {});
  assert.deepEqual(matchPath("/exercises", "/exercises/"), {});
  assert.deepEqual(matchPath("/exercises/:id", "/exercises/barbell-back-squat"), {
    id: "barbell-back-squat",
  });
  assert.deepEqual(matchPath("/exercises/:id", "/exercises/a%20b"), { id: "a b" });
  assert.equal(matchPath("/exercises/:id", "/exercises"), undefined);
  assert.equal(matchPath("/exercises/:id", "/exercises/%E0%A4%A"), undefined);
  assert.equal(matchPath("/plans", "/profile"), undefined);
});
