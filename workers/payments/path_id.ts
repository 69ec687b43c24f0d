/**
 * Path ids checked by shape at the route, before the handler or any query:
 * payment ids are `pay_` and 24 letters and digits (./ids.ts), so anything
 * else — NUL bytes, other encodings, megabytes of junk — is an id no payment
 * has, answered 404 like an unknown one, and never reaches the database.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { Problem } from "../../shared/http/problem.ts";
import { shapedParam } from "../../shared/http/path_id.ts";
import { paymentIdPattern } from "./ids.ts";
import { paymentsProblems } from "./problems.ts";

/** 404 PAYMENT_NOT_FOUND (with `detail`) unless the route's `:id` has the shape of a payment id. */
export function paymentIdParam(detail: string): MiddlewareHandler {
  return shapedParam(
    "id",
    paymentIdPattern,
    () => new Problem(paymentsProblems.PAYMENT_NOT_FOUND, detail),
  );
}
