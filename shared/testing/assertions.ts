/**
 * Assertions shared by the HTTP suites: status first, then content type,
 * then body.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ProblemBody } from "../http/problem.ts";

/** Asserts a problem+json response with `status` and `code`; returns its body. */
export async function expectProblem(
  response: Response,
  status: number,
  code: string,
): Promise<ProblemBody> {
  const text = await response.text();
  assert.equal(
    response.status,
    status,
    `expected ${status} ${code}, got ${response.status}: ${text}`,
  );
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  const body = JSON.parse(text) as ProblemBody;
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.equal(typeof body.title, "string");
  assert.equal(typeof body.detail, "string");
  assert.match(body.type, /^https:\/\/fitconnect\.dev\/problems\//);
  assert.equal(body.requestId, response.headers.get("x-request-id"));
  return body;
}

/** Asserts a JSON response with `status`; returns its body. */
export async function expectJson<T = Record<string, unknown>>(
  response: Response,
  status: number,
): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  return JSON.parse(text) as T;
}

/**
 * Reads until `done` holds, or throws after `ms` naming `what` and the last
 * value: for what the platform does asynchronously (events, webhooks). A
 * bound on waiting, not a speed assertion.
 */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
