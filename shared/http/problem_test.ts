import assert from "node:assert/strict";
import { defineProblems, platformProblems, Problem, problemType } from "./problem.ts";

const demoProblems = defineProblems({
  THING_NOT_FOUND: { status: 404, title: "Thing not found" },
  THING_LOCKED: { status: 409, title: "Thing locked" },
});

Deno.test("[shared] problem catalogs", async (t) => {
  await t.step("each entry carries its key as its code, beside its status and title", () => {
    assert.deepEqual(demoProblems.THING_NOT_FOUND, {
      code: "THING_NOT_FOUND",
      status: 404,
      title: "Thing not found",
    });
    for (const [key, entry] of Object.entries(platformProblems)) assert.equal(entry.code, key);
    assert.equal(platformProblems.VALIDATION_FAILED.status, 422);
  });

  await t.step("a catalog is frozen: nothing can add or change a code at run time", () => {
    assert.ok(Object.isFrozen(demoProblems));
    assert.ok(Object.isFrozen(demoProblems.THING_LOCKED));
  });

  await t.step("the problem+json body is what it always was", async () => {
    const problem = new Problem(demoProblems.THING_LOCKED, "Someone else holds it.", {
      errors: [{ pointer: "/things/0", detail: "is locked" }],
      extensions: { holder: "u1" },
      headers: { "retry-after": "3" },
    });
    assert.equal(problem.status, 409);
    const response = problem.getResponse("req-1");
    assert.equal(response.status, 409);
    assert.equal(response.headers.get("content-type"), "application/problem+json");
    assert.equal(response.headers.get("x-request-id"), "req-1");
    assert.equal(response.headers.get("retry-after"), "3");
    assert.deepEqual(await response.json(), {
      holder: "u1",
      type: "https://fitconnect.dev/problems/thing-locked",
      title: "Thing locked",
      status: 409,
      detail: "Someone else holds it.",
      code: "THING_LOCKED",
      requestId: "req-1",
      errors: [{ pointer: "/things/0", detail: "is locked" }],
    });
    assert.equal(
      new Problem(platformProblems.NOT_FOUND, "No route.").toJSON("r").type,
      problemType("NOT_FOUND"),
    );
  });

  await t.step(
    "a relayed problem keeps the status, code, title and errors it was sent with",
    () => {
      const received = new Problem(demoProblems.THING_NOT_FOUND, "No thing 7.", {
        errors: [{ pointer: "/lines/0/sku", detail: "is not a thing" }],
      }).toJSON("upstream");
      const relayed = Problem.relayed(received, { headers: { "idempotent-replayed": "true" } });
      const { requestId: _upstream, ...sent } = received;
      const { requestId: _ours, ...passedOn } = relayed.toJSON("ours");
      assert.deepEqual(passedOn, sent);
      assert.equal(relayed.headers["idempotent-replayed"], "true");
    },
  );

  await t.step("a received body without an error status is not a problem", () => {
    const body = { status: 200, code: "OK", title: "OK", detail: "" };
    assert.throws(() => Problem.relayed(body), /not an error status/);
  });

  await t.step("a code outside every catalog does not compile", () => {
    // @ts-expect-error: not a code of the platform's catalog
    assert.throws(() => new Problem(platformProblems.THING_NOT_FOUND, "no"));
    // @ts-expect-error: a code is an entry of a catalog, not a string
    assert.ok(new Problem("NOT_FOUND", "no"));
    // @ts-expect-error: nor an entry written by hand
    assert.ok(new Problem({ code: "MADE_UP", status: 400, title: "Made up" }, "no"));
  });
});
