/**
 * The client of the proposed operations (src/graphql/proposed): a {@linkcode GraphqlClient}
 * that runs each through its REST adapter. Screens use it like the gateway's client, so moving
 * an operation to the gateway changes an import, not a screen.
 *
 * @module
 */
import type { GraphqlClient } from "@fitconnect/clients-shared/graphql";
import { adminAdapters } from "./admin.ts";
import { notificationAdapters } from "./notifications.ts";
import { planAdapters } from "./plans.ts";
import { profileAdapters } from "./profile.ts";
import { shopAdapters } from "./shop.ts";

const adapters = new Map([
  ...adminAdapters,
  ...notificationAdapters,
  ...planAdapters,
  ...profileAdapters,
  ...shopAdapters,
]);

/** Runs proposed operations over REST. */
export const bridge: GraphqlClient = {
  async request<R, V>(document: { operationName: string }, variables?: V): Promise<R> {
    const run = adapters.get(document.operationName);
    if (!run) throw new Error(`no REST adapter for ${document.operationName}`);
    return await run(variables ?? {}) as R;
  },
};
