import assert from "node:assert/strict";
import { GraphQLError } from "graphql";
import { pathSegment } from "./path_segment.ts";
import { workerUrl } from "./worker_call.ts";

Deno.test("[graphql] ids in worker paths", async (t) => {
  await t.step("an id is one encoded segment", () => {
    assert.equal(pathSegment("barbell-back-squat"), "barbell-back-squat");
    assert.equal(pathSegment("../../internal/health"), "..%2F..%2Finternal%2Fhealth");
    assert.equal(pathSegment("a?b#c%2e"), "a%3Fb%23c%252e");
    assert.equal(workerUrl(`/v1/workouts/${pathSegment("../x")}`).pathname, "/v1/workouts/..%2Fx");
  });

  await t.step("what cannot be one segment is a 400 ID_INVALID", () => {
    for (const id of ["", ".", "..", "a\u0000b", "a\nb", "\u001f", "\u007f", "x".repeat(257)]) {
      assert.throws(() => pathSegment(id), (error: unknown) => {
        assert.ok(error instanceof GraphQLError);
        assert.equal(error.extensions.code, "ID_INVALID");
        assert.equal(error.extensions.status, 400);
        return true;
      }, JSON.stringify(id));
    }
  });

  await t.step("a path a URL parser would rewrite is never called", () => {
    for (const path of ["/v1/workouts/..", "/v1/workouts/%2e%2e/x", "/v1/./x", "v1/x"]) {
      assert.throws(() => workerUrl(path), GraphQLError, path);
    }
    assert.equal(workerUrl("/v1/exercises?q=a%20b").search, "?q=a%20b");
  });
});
