/**
 * What suites need to test with the users worker: the worker alone on the
 * shared harness (shared/testing/worker_harness.ts), whose stand-in auth
 * worker also closes identities (revoking their tokens), fails, or cannot be
 * reached at all, as the suite chooses.
 *
 * @module
 */
import { Hono } from "hono";
import type { ClientResponse } from "hono/client";
import { httpBinding, internalSecretHeader } from "../../shared/bindings/service_binding.ts";
import type { StoresConfig } from "../../shared/runtime/stores.ts";
import { expectJson } from "../../shared/testing/assertions.ts";
import {
  openWorkerHarness,
  type WorkerHarness,
  workerTest,
} from "../../shared/testing/worker_harness.ts";
import { createUsersClient } from "./client.ts";
import { createUsersWorker } from "./mod.ts";
import type { ProfileBody } from "./schema.ts";

export type { MeBody, ProfileBody } from "./schema.ts";

/** When the suites start. */
export const startedAt = new Date("2026-03-01T09:00:00.000Z");

/** What the stand-in auth worker does when asked to close an identity. */
export type AuthMode = "ok" | "failing" | "down";

/** One call the users worker made to close an identity at auth. */
export interface IdentityCall {
  userId: string;
  requestId: string | undefined;
  /** Whether it carried the internal secret. */
  fromPeer: boolean;
}

/** The users worker alone and its surroundings. */
export interface UsersFixture extends WorkerHarness<ReturnType<typeof createUsersWorker>> {
  /** Creates `userId`'s profile through the typed client (as the auth worker does). */
  register(userId: string, displayName?: string): Promise<ProfileBody>;
  /** The typed client, as the auth worker calls the users worker. */
  client: ReturnType<typeof createUsersClient>;
  identityCalls: IdentityCall[];
  setAuthMode(mode: AuthMode): void;
}

/** A port nothing listens on: calls to it are refused, as when the auth worker is down. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The users worker on `stores`. */
export async function openUsers(stores: StoresConfig): Promise<UsersFixture> {
  const identityCalls: IdentityCall[] = [];
  let authMode: AuthMode = "ok";
  const identities = new Hono().delete("/internal/identities/:userId", async (c) => {
    const userId = c.req.param("userId");
    identityCalls.push({
      userId,
      requestId: c.req.header("x-request-id"),
      fromPeer: c.req.header(internalSecretHeader) === harness.internalSecret,
    });
    if (authMode === "failing") return c.json({ message: "database down" }, 500);
    await harness.auth.revocations.revokeUser(userId, harness.now());
    return c.body(null, 204);
  });
  const harness: WorkerHarness<ReturnType<typeof createUsersWorker>> = await openWorkerHarness({
    name: "users",
    stores,
    startAt: startedAt,
    authRoutes: identities,
    create: (deps) =>
      createUsersWorker({
        ...deps,
        auth: {
          fetch: (request): Promise<Response> =>
            (authMode === "down" ? unreachable : harness.auth.binding).fetch(request),
        },
      }),
  });
  const unreachable = httpBinding(`http://127.0.0.1:${closedPort()}`, {
    internalSecret: harness.internalSecret,
    timeoutMs: 2_000,
  });
  const client = createUsersClient(harness.deps.self, { requestId: "from-auth" });
  return Object.assign(harness, {
    async register(userId: string, displayName = `Member ${userId}`) {
      const response = await client.internal.profiles[":userId"].$put({
        param: { userId },
        json: { email: `${userId}@example.com`, displayName },
      });
      return await expectJson<ProfileBody>(fetched(response), 201);
    },
    client,
    identityCalls,
    setAuthMode(mode: AuthMode) {
      authMode = mode;
    },
  });
}

/** Registers `suite` on the embedded stores, and on the production adapters when configured. */
export function usersTest(
  name: string,
  suite: (t: Deno.TestContext, fx: UsersFixture) => Promise<void>,
): void {
  workerTest(name, openUsers, suite);
}

/** hc answers the `Response` it fetched; its type just omits Deno's newer `Response` methods. */
export function fetched(response: ClientResponse<unknown>): Response {
  return response as unknown as Response;
}

/** JSON request options, with a bearer token. */
export function send(
  method: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** Request options with a bearer token (and more headers). */
export function bearer(token: string, headers: Record<string, string> = {}): RequestInit {
  return { headers: { authorization: `Bearer ${token}`, ...headers } };
}
