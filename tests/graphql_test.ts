import assert from "node:assert/strict";
import { domainWorkerNames } from "../shared/runtime/workers.ts";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { platformTest } from "./support/platform.ts";

interface GraphqlResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string; status: number; requestId: string } }[];
}

function post(query: string, variables?: Record<string, unknown>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ query, variables }),
  };
}

platformTest("[graphql] /graphql", async (t, open) => {
  const platform = await open({ introspection: false });

  await t.step("answers a POST query through the bindings", async () => {
    const body = await expectJson<GraphqlResult>(
      await platform.request("/graphql", post("{ health { status workers { name status } } }")),
      200,
    );
    assert.deepEqual(body.data?.health, {
      status: "ok",
      workers: domainWorkerNames.map((name) => ({ name, status: "ok" })),
    });
  });

  await t.step("answers a GET query", async () => {
    const query = encodeURIComponent("{ health { status } }");
    const body = await expectJson<GraphqlResult>(
      await platform.request(`/graphql?query=${query}`),
      200,
    );
    assert.deepEqual(body.data, { health: { status: "ok" } });
  });

  await t.step("a syntax error carries GRAPHQL_PARSE_FAILED and the request id", async () => {
    const response = await platform.request("/graphql", {
      ...post("{ health { status "),
      headers: { "content-type": "application/json", "x-request-id": "gql-parse-1" },
    });
    const body = await expectJson<GraphqlResult>(response, 400);
    assert.equal(body.errors?.[0].extensions.code, "GRAPHQL_PARSE_FAILED");
    assert.equal(body.errors?.[0].extensions.status, 400);
    assert.equal(body.errors?.[0].extensions.requestId, "gql-parse-1");
  });

  await t.step("an unknown field is GRAPHQL_VALIDATION_FAILED", async () => {
    const body = await expectJson<GraphqlResult>(
      await platform.request("/graphql", post("{ nope }")),
      400,
    );
    assert.equal(body.errors?.[0].extensions.code, "GRAPHQL_VALIDATION_FAILED");
  });

  await t.step("a query deeper than the limit is rejected before it runs", async () => {
    const deep = "{ health { workers { name } } }";
    const tooDeep = await open({
      introspection: false,
      graphqlLimits: { maxDepth: 2, maxCost: 5000 },
    });
    const body = await expectJson<GraphqlResult>(
      await tooDeep.request("/graphql", post(deep)),
      400,
    );
    assert.equal(body.errors?.[0].extensions.code, "QUERY_TOO_DEEP");
    assert.equal(body.data, undefined);
  });

  await t.step("a query costlier than the limit is rejected before it runs", async () => {
    const costly = await open({
      introspection: false,
      graphqlLimits: { maxDepth: 10, maxCost: 3 },
    });
    const fields = Array.from({ length: 5 }, (_, i) => `h${i}: health { status }`).join(" ");
    const body = await expectJson<GraphqlResult>(
      await costly.request("/graphql", post(`{ ${fields} }`)),
      400,
    );
    assert.equal(body.errors?.[0].extensions.code, "QUERY_TOO_COSTLY");
  });

  await t.step("introspection is off when disabled", async () => {
    const body = await expectJson<GraphqlResult>(
      await platform.request("/graphql", post("{ __schema { types { name } } }")),
      400,
    );
    assert.equal(body.errors?.[0].extensions.code, "GRAPHQL_VALIDATION_FAILED");
  });

  await t.step("introspection works when enabled", async () => {
    const dev = await open({ introspection: true });
    const body = await expectJson<GraphqlResult>(
      await dev.request("/graphql", post('{ __type(name: "PlatformHealth") { name } }')),
      200,
    );
    assert.deepEqual(body.data, { __type: { name: "PlatformHealth" } });
  });

  await t.step("a missing query is BAD_REQUEST", async () => {
    const body = await expectJson<GraphqlResult>(
      await platform.request("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
      400,
    );
    assert.equal(body.errors?.[0].extensions.code, "BAD_REQUEST");
  });

  await t.step("malformed JSON is a 400 problem, like REST", async () => {
    await expectProblem(
      await platform.request("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      }),
      400,
      "MALFORMED_JSON",
    );
  });
});
