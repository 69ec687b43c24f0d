/**
 * Page sizes: the workers serve 1–100 rows a page (20 by default, see
 * shared/http/paging.ts). The gateway keeps to the same range, both when it
 * prices a query (./query_cost.ts) and before it calls a worker.
 *
 * @module
 */
import { defaultPageSize, maxPageSize } from "../../shared/http/paging.ts";
import { platformProblems } from "../../shared/http/problem.ts";
import { clientError } from "./errors.ts";

/** The rows a page will hold for `limit`: clamped to 1–100, 20 when absent or not a number. */
export function pageSizeOf(limit: unknown): number {
  if (typeof limit !== "number" || !Number.isFinite(limit)) return defaultPageSize;
  return Math.min(maxPageSize, Math.max(1, Math.trunc(limit)));
}

/**
 * The list arguments, refused (422 VALIDATION_FAILED on `limit`, the REST
 * answer) when `limit` is outside 1–100: a worker never sees such a limit.
 */
export function pageArgs<T extends { limit?: unknown }>(args: T): T {
  const { limit } = args;
  if (limit === undefined || limit === null) return args;
  if (Number.isInteger(limit) && pageSizeOf(limit) === limit) return args;
  throw clientError(platformProblems.VALIDATION_FAILED, "The request query is not valid.", {
    errors: [{ pointer: "limit", detail: `must be an integer from 1 to ${maxPageSize}` }],
  });
}
