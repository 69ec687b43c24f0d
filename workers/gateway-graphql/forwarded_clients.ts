/**
 * How resolvers call a domain worker: the same REST route a third party
 * would use, through the worker's typed client over a binding that forwards
 * for clients (never signed with the internal secret: a resolver acts for
 * the client, not for the platform), with the caller's credentials, request
 * id and attested client address. `relay` turns the answer into the value a
 * resolver returns; a problem+json answer becomes a GraphQL error with the
 * same code.
 *
 * @module
 */
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import {
  answerOf,
  type BodyOf,
  PathRewritten,
  type WorkerClientOptions,
  type WorkerResponse,
} from "../../shared/bindings/worker_client.ts";
import { attestClientIp, requestClientIp } from "../../shared/http/client_ip.ts";
import { platformProblems } from "../../shared/http/problem.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import type { DomainWorkerName } from "../../shared/runtime/workers.ts";
import { createAnalyticsClient } from "../analytics/client.ts";
import { createAuthClient } from "../auth/client.ts";
import { createInventoryClient } from "../inventory/client.ts";
import { createMetricsClient } from "../metrics/client.ts";
import { createNotificationsClient } from "../notifications/client.ts";
import { createPaymentsClient } from "../payments/client.ts";
import { createUsersClient } from "../users/client.ts";
import { createWorkoutsClient } from "../workouts/client.ts";
import { clientError, relayedError } from "./errors.ts";
import { graphqlProblems } from "./problems.ts";

/** How each domain worker's typed client is made. */
const clientFactories = {
  auth: createAuthClient,
  users: createUsersClient,
  workouts: createWorkoutsClient,
  notifications: createNotificationsClient,
  analytics: createAnalyticsClient,
  inventory: createInventoryClient,
  payments: createPaymentsClient,
  metrics: createMetricsClient,
};
type ClientName = keyof typeof clientFactories;
const clientNames = Object.keys(clientFactories) as ClientName[];

/** The domain workers' clients for one GraphQL request. */
export type ForwardedClients = {
  readonly [Name in ClientName]: ReturnType<(typeof clientFactories)[Name]>;
};

/**
 * Each domain worker's typed client, sending what the client's request
 * carried. A client is made when first used: a query pays for the workers
 * it calls, not for all eight.
 */
export function forwardedClients(
  c: Context<WorkerEnv>,
  upstreams: Record<DomainWorkerName, ServiceBinding>,
  internalSecret: string,
): ForwardedClients {
  return new RequestClients(c, upstreams, internalSecret) as unknown as ForwardedClients;
}

/** One request's clients, behind getters defined once on the prototype (below). */
class RequestClients {
  readonly #made: Partial<Record<ClientName, unknown>> = {};
  #options: WorkerClientOptions | undefined;

  constructor(
    readonly c: Context<WorkerEnv>,
    readonly upstreams: Record<DomainWorkerName, ServiceBinding>,
    readonly internalSecret: string,
  ) {}

  client(name: ClientName): unknown {
    return this.#made[name] ??= clientFactories[name](
      this.upstreams[name],
      this.#options ??= forwardedOptions(this.c, this.internalSecret),
    );
  }
}
for (const name of clientNames) {
  Object.defineProperty(RequestClients.prototype, name, {
    get(this: RequestClients) {
      return this.client(name);
    },
  });
}

/** The caller's credentials, request id and attested address, for every call. */
function forwardedOptions(c: Context<WorkerEnv>, internalSecret: string): WorkerClientOptions {
  const headers = new Headers();
  const authorization = c.req.raw.headers.get("authorization");
  if (authorization) headers.set("authorization", authorization);
  attestClientIp(headers, requestClientIp(c, internalSecret), internalSecret);
  return { requestId: c.get("requestId"), headers: Object.fromEntries(headers) };
}

/** A call's answer as a resolver returns it: the body (null for none), or a GraphQL error. */
export type Relay = <R extends WorkerResponse>(call: Promise<R>) => Promise<BodyOf<R>>;

/** The `Relay` of the request `requestId`. */
export function relayFor(requestId: string): Relay {
  return async (call) => {
    let response;
    try {
      response = await call;
    } catch (error) {
      // The backstop of ./path_segment.ts: a resolver that forgot to encode an id.
      if (error instanceof PathRewritten) {
        throw clientError(graphqlProblems.ID_INVALID, "An argument is not a valid identifier.");
      }
      throw clientError(
        platformProblems.SERVICE_UNAVAILABLE,
        "A service is unavailable; try again.",
        { requestId },
      );
    }
    const answer = await answerOf(response);
    if (answer.ok) return answer.value;
    throw relayedError(answer.problem, requestId);
  };
}
