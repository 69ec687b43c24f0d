import assert from "node:assert/strict";
import { answerOf, exactUrl, PathRewritten, UnexpectedAnswer } from "./worker_client.ts";

const problem = (status: number, code: string) =>
  Response.json({ type: "about:blank", title: code, status, detail: "why", code, requestId: "r" }, {
    status,
    headers: { "content-type": "application/problem+json" },
  });

Deno.test("[bindings] answerOf", async (t) => {
  await t.step("a 2xx is its body; one without a body is null", async () => {
    assert.deepEqual(await answerOf(Response.json({ id: "x" }, { status: 201 })), {
      ok: true,
      status: 201,
      value: { id: "x" },
    });
    assert.deepEqual(await answerOf(new Response(null, { status: 204 })), {
      ok: true,
      status: 204,
      value: null,
    });
  });

  await t.step("a refusal the caller names is its problem, errors included", async () => {
    const answer = await answerOf(problem(404, "ITEM_NOT_FOUND"), [404, 409]);
    assert.ok(!answer.ok);
    assert.equal(answer.status, 404);
    assert.equal(answer.problem.code, "ITEM_NOT_FOUND");
  });

  await t.step("any other answer throws", async () => {
    await assert.rejects(answerOf(problem(500, "INTERNAL"), [404]), UnexpectedAnswer);
    await assert.rejects(answerOf(new Response("<html>", { status: 502 })), UnexpectedAnswer);
  });
});

Deno.test("[bindings] exactUrl", () => {
  assert.equal(exactUrl("http://w/v1/x/a%2Fb?q=1").pathname, "/v1/x/a%2Fb");
  for (
    const url of ["http://w/v1/x/..", "http://w/v1/%2e%2e/x", "http://w/v1/./x", "http://w/a b"]
  ) {
    assert.throws(() => exactUrl(url), PathRewritten, url);
  }
});
