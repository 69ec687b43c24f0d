/**
 * FitConnect's errors as exceptions: every `application/problem+json`
 * answer becomes a `FitConnectProblem` carrying its stable `code`, its
 * `status`, the `requestId` to quote, and `errors[]` (JSON Pointers) on a
 * 422 — thrown by the client, so a caller catches by code:
 *
 * ```ts
 * try { ... } catch (e) {
 *   if (e instanceof FitConnectProblem && e.code === "WORKOUT_NOT_FOUND") ...
 * }
 * ```
 *
 * @module
 */
import type { components } from "./schema.generated.ts";

/** The body of every error answer (RFC 9457). */
export type ProblemBody = components["schemas"]["Problem"];

/** An error answer of the API. */
export class FitConnectProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string;
  readonly errors: { pointer: string; detail: string }[];
  readonly body: ProblemBody;
  /** The answer's headers (`Retry-After` on 429/503). */
  readonly headers: Headers;

  constructor(body: ProblemBody, headers: Headers) {
    super(`${body.code}: ${body.detail}`);
    this.name = "FitConnectProblem";
    this.status = body.status;
    this.code = body.code;
    this.requestId = body.requestId;
    this.errors = body.errors ?? [];
    this.body = body;
    this.headers = headers;
  }
}

/** True for a problem+json answer. */
export function isProblem(response: Response): boolean {
  return response.headers.get("content-type")?.startsWith("application/problem+json") ?? false;
}
