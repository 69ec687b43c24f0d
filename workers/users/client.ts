/**
 * The typed client other workers use to reach the users worker (the auth
 * worker, during registration):
 *
 * ```ts
 * const users = createUsersClient(deps.users, { requestId });
 * const response = await users.internal.profiles[":userId"].$put({
 *   param: { userId },
 *   json: { email, displayName },
 * }); // 201 created, 200 already there
 * await users.internal.profiles[":userId"].$get({ param: { userId } }); // 200, or 404
 * await users.internal.profiles[":userId"].$delete({ param: { userId } }); // 204
 * ```
 *
 * @module
 */
import { workerClientFactory } from "../../shared/bindings/worker_client.ts";
import type { UsersApp } from "./mod.ts";

/** A typed client of the users worker behind a binding, carrying the caller's request id. */
export const createUsersClient = workerClientFactory<UsersApp>();

/** The users worker's client type. */
export type UsersClient = ReturnType<typeof createUsersClient>;
