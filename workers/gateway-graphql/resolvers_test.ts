import assert from "node:assert/strict";
import type { Context } from "hono";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { domainWorkerNames } from "../../shared/runtime/workers.ts";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createRootValue, type RootBindings } from "./resolvers.ts";
import { buildGatewaySchema } from "./schema.ts";

/** Bindings that answer every call with an empty JSON object. */
function stubUpstreams(): RootBindings["upstreams"] {
  const answer: ServiceBinding = { fetch: () => Promise.resolve(Response.json({})) };
  return Object.fromEntries(domainWorkerNames.map((name) => [name, answer])) as RootBindings[
    "upstreams"
  ];
}

/** The little of a Hono context the resolvers read. */
function contextOf(requestId: string): Context<WorkerEnv> {
  const raw = new Request("http://gateway.internal/graphql");
  return { get: () => requestId, req: { raw }, env: {} } as unknown as Context<WorkerEnv>;
}

const health = () => Promise.resolve({ status: "ok" as const, workers: {} });

Deno.test("[graphql] the root value, built once", async (t) => {
  await t.step("answers every Query and Mutation field of the schema", async () => {
    const schema = buildGatewaySchema();
    const root = createRootValue({ upstreams: stubUpstreams(), health }, "secret");
    const fields = [schema.getQueryType(), schema.getMutationType()]
      .flatMap((type) => Object.keys(type?.getFields() ?? {}));
    assert.deepEqual(Object.keys(root).sort(), [...fields].sort());
    for (const field of fields) {
      // Each reaches its domain's resolver (one that is missing would throw "is not a function").
      try {
        await root[field]({ id: "x", sku: "X-1", input: { id: "x" } }, contextOf(field));
      } catch (error) {
        assert.ok(!String(error).includes("is not a function"), `${field}: ${error}`);
      }
    }
  });

  await t.step("each request calls with its own credentials and request id", async () => {
    const seen: (string | null)[] = [];
    const upstreams = stubUpstreams();
    upstreams.workouts = {
      fetch: (request) => {
        seen.push(request.headers.get("x-request-id"));
        return Promise.resolve(Response.json({ items: [], nextCursor: null }));
      },
    };
    const root = createRootValue({ upstreams, health }, "secret");
    await root.exercises({}, contextOf("first"));
    await root.exercises({}, contextOf("second"));
    assert.deepEqual(seen, ["first", "second"]);
  });
});
