import assert from "node:assert/strict";
import { GraphQLError } from "graphql";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { exactUrl } from "../../shared/bindings/worker_client.ts";
import { createWorkoutsClient } from "../workouts/client.ts";
import { relayFor } from "./forwarded_clients.ts";
import { pathSegment } from "./path_segment.ts";

Deno.test("[graphql] ids in worker paths", async (t) => {
  await t.step("an id is one encoded segment", () => {
    assert.equal(pathSegment("barbell-back-squat"), "barbell-back-squat");
    assert.equal(pathSegment("../../internal/health"), "..%2F..%2Finternal%2Fhealth");
    assert.equal(pathSegment("a?b#c%2e"), "a%3Fb%23c%252e");
    assert.equal(
      exactUrl(`http://worker.internal/v1/workouts/${pathSegment("../x")}`).pathname,
      "/v1/workouts/..%2Fx",
    );
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

  await t.step("a path a URL parser would rewrite is never called", async () => {
    const called: string[] = [];
    const recording: ServiceBinding = {
      fetch(request) {
        called.push(request.url);
        return Promise.resolve(Response.json({ items: [], nextCursor: null }));
      },
    };
    const workouts = createWorkoutsClient(recording);
    const relay = relayFor("test-request");
    // Ids a resolver forgot to pass through pathSegment.
    for (const id of ["..", "%2e%2e", ".", "a b"]) {
      await assert.rejects(
        relay(workouts.v1.workouts[":id"].$get({ param: { id } })),
        (error: unknown) => error instanceof GraphQLError && error.extensions.code === "ID_INVALID",
        id,
      );
    }
    assert.deepEqual(called, []);
    await relay(workouts.v1.exercises.$get({ query: { q: "a b" } }));
    assert.equal(new URL(called[0]).searchParams.get("q"), "a b");
  });
});
