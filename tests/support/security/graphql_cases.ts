/**
 * Hostile cases on `/graphql`: cost limits that see variables, pages kept to
 * 1–100, `health` asked once, client mistakes as coded 400s, and an
 * idempotency key that could split a header.
 *
 * @module
 */
import assert from "node:assert/strict";
import { bearer } from "../../../shared/testing/requests.ts";
import { signUp } from "../identity.ts";
import type { SecurityTarget } from "../security_target.ts";

interface GraphqlAnswer {
  status: number;
  data?: unknown;
  /** Each error's `extensions.code` and `extensions.status`. */
  codes: string[];
  statuses: number[];
}

export async function graphqlCases(t: Deno.TestContext, target: SecurityTarget) {
  const ask = async (body: unknown, token?: string): Promise<GraphqlAnswer> => {
    const response = await target.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const parsed = await response.json();
    const errors: { extensions: { code: string; status: number } }[] = parsed.errors ?? [];
    return {
      status: response.status,
      data: parsed.data,
      codes: errors.map((error) => error.extensions.code),
      statuses: errors.map((error) => error.extensions.status),
    };
  };
  const aliases = (count: number, field: string) =>
    Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ");

  await t.step("graphql: 60 aliases of a $limit page are refused before they run", async () => {
    const answer = await ask({
      query: `query ($l: Int) { ${aliases(60, "exercises(limit: $l) { items { id } }")} }`,
      variables: { l: 100 },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.data, undefined);
    assert.ok(
      answer.codes.some((code) => ["QUERY_TOO_COSTLY", "QUERY_TOO_MANY_ALIASES"].includes(code)),
      answer.codes.join(),
    );
  });

  await t.step("graphql: a negative limit cannot buy room for a refused query", async () => {
    // 14 pages of 100 rows × 4 fields: over the cost of 5,000, under the alias cap of 15.
    const costly = aliases(14, "exercises(limit: 100) { items { id name category } }");
    const refused = await ask({ query: `{ ${costly} }` });
    assert.equal(refused.status, 400);
    const answer = await ask({
      query: `{ cheap: exercises(limit: -100000) { items { id } } ${costly} }`,
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.data, undefined);
    assert.deepEqual(answer.codes, refused.codes);
  });

  await t.step("graphql: a limit outside 1–100 never reaches a worker", async () => {
    const answer = await ask({
      query: "query ($l: Int) { exercises(limit: $l) { items { id } } }",
      variables: { l: -100000 },
    });
    assert.equal(answer.data, null);
    assert.deepEqual(answer.codes, ["VALIDATION_FAILED"]);
    assert.deepEqual(answer.statuses, [422]);
  });

  await t.step("graphql: hundreds of health aliases are refused", async () => {
    const answer = await ask({ query: `{ ${aliases(300, "health { status }")} }` });
    assert.equal(answer.status, 400);
    assert.ok(answer.codes.includes("QUERY_TOO_MANY_ALIASES"), answer.codes.join());
  });

  await t.step("graphql: client mistakes are coded 400s, never 500", async () => {
    const health = "{ health { status } }";
    const mistakes = [
      JSON.stringify({ query: `query A ${health} query B ${health}` }),
      JSON.stringify({ query: `query A ${health}`, operationName: "Nope" }),
      JSON.stringify({ query: health, variables: "x" }),
      "null",
      JSON.stringify([{ query: health }]),
    ];
    for (const body of mistakes) {
      const answer = await ask(body);
      assert.equal(answer.status, 400, body);
      assert.ok(answer.codes.length > 0 && answer.codes.every(Boolean), body);
    }
  });

  await t.step("graphql: a checkout key holding a newline is a 400, nothing paid", async () => {
    const { accessToken } = await signUp(target);
    const answer = await ask({
      query: "mutation ($input: CheckoutInput!) { checkout(input: $input) { id } }",
      variables: { input: { idempotencyKey: "retry\nkey", planId: "monthly" } },
    }, accessToken);
    assert.ok(answer.status < 500, String(answer.status));
    assert.equal(answer.data, null);
    assert.deepEqual(answer.codes, ["IDEMPOTENCY_KEY_INVALID"]);
    assert.deepEqual(answer.statuses, [400]);
  });
}
