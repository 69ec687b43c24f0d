/**
 * GraphQL requests for platform suites: POST /graphql through the REST
 * gateway, and assertions on the coded errors every refusal must carry.
 *
 * @module
 */
import assert from "node:assert/strict";
import { expectJson } from "../../shared/testing/assertions.ts";
import { bearer } from "../../shared/testing/requests.ts";
import type { TestPlatform } from "./platform.ts";

/** One error as the gateway answers it. */
export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; status: number; errors?: { pointer: string; detail: string }[] };
}

/** A GraphQL answer. */
export interface GraphqlResult<T> {
  data?: T | null;
  errors?: GraphqlError[];
}

/** Runs `query` with `variables`, as `token` when given; the answer must be 200 JSON. */
export async function graphql<T = unknown>(
  platform: Pick<TestPlatform, "request">,
  query: string,
  token?: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlResult<T>> {
  const response = await platform.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return await expectJson<GraphqlResult<T>>(response, 200);
}

/** The data of an answer that must have no error. */
export function dataOf<T>(result: GraphqlResult<T>): T {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data!;
}

/**
 * The one error of a refused answer, asserted to carry `code` and `status`
 * (a client's 4xx, never a 5xx) and, when given, these JSON Pointers.
 */
export function refusal(
  result: GraphqlResult<unknown>,
  code: string,
  status: number,
  pointers?: string[],
): GraphqlError {
  assert.equal(result.errors?.length, 1, JSON.stringify(result));
  const [error] = result.errors!;
  assert.deepEqual(
    { code: error.extensions.code, status: error.extensions.status },
    { code, status },
    JSON.stringify(error),
  );
  if (pointers) assert.deepEqual(error.extensions.errors?.map((e) => e.pointer), pointers);
  return error;
}

/** Sends `times` of the cheapest query (`{ __typename }`) to the gateway at `baseUrl`, each a 200. */
export async function askTypename(baseUrl: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    assert.equal(response.status, 200);
    await response.body?.cancel();
  }
}
