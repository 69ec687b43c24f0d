/**
 * `x-request-id` on every request and response: a safe id sent by the client
 * (or by the gateway in front) is kept, anything else is replaced.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";

/** Letters, digits and `._:-`, 1 to 128 of them: safe in logs and headers. */
const safeId = /^[\w.:-]{1,128}$/;

/** Sets the `requestId` variable and the response header. */
export function requestId(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const given = c.req.raw.headers.get("x-request-id");
    const id = given !== null && safeId.test(given) ? given : crypto.randomUUID();
    c.set("requestId", id);
    await next();
    // Set on the final response (not preset with `c.header`): preset headers
    // make Hono merge two header lists on every response. A forwarded answer
    // already carries it (the worker behind kept the gateway's id): setting a
    // header validates it again, reading it does not.
    const headers = c.res.headers;
    if (headers.get("x-request-id") !== id) headers.set("x-request-id", id);
  };
}
