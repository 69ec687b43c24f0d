/**
 * The profile's version in GraphQL, mapped onto the REST entity tag of
 * `/v1/me`: read from the answer's `ETag` (`"7"` → `version: 7`), and sent
 * back as `If-Match: "7"` for `expectedVersion`, so the users worker keeps
 * deciding whether the write may happen (412 PRECONDITION_FAILED if not).
 *
 * @module
 */
import type { WorkerResponse } from "../../../shared/bindings/worker_client.ts";
import type { Relay } from "../forwarded_clients.ts";

type Tagged = WorkerResponse & { headers: Headers };

/** The body of `call` with `version`, the number of its strong ETag. */
export async function withVersion<R extends Tagged>(relay: Relay, call: Promise<R>) {
  let etag: string | null = null;
  const body = await relay(call.then((response) => {
    etag = response.headers.get("etag");
    return response;
  }));
  const version = /^"(\d{1,9})"$/.exec(etag ?? "")?.[1];
  // The users worker tags every profile it answers: a missing tag is our fault, not the client's.
  if (version === undefined) throw new Error(`the profile came without a version tag: ${etag}`);
  return { ...(body as object), version: Number(version) };
}

/** `If-Match` for `expectedVersion` (none when not given: the write is unconditional). */
export function versionHeaders(expectedVersion: unknown): Record<string, string> {
  if (expectedVersion === undefined || expectedVersion === null) return {};
  return { "if-match": `"${expectedVersion}"` };
}
