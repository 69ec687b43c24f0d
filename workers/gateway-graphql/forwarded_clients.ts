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

/** The domain workers' clients for one GraphQL request. */
export type ForwardedClients = ReturnType<typeof forwardedClients>;

/** Each domain worker's typed client, sending what the client's request carried. */
export function forwardedClients(
  c: Context<WorkerEnv>,
  upstreams: Record<DomainWorkerName, ServiceBinding>,
  internalSecret: string,
) {
  const headers = new Headers();
  const authorization = c.req.raw.headers.get("authorization");
  if (authorization) headers.set("authorization", authorization);
  attestClientIp(headers, requestClientIp(c, internalSecret), internalSecret);
  const options: WorkerClientOptions = {
    requestId: c.get("requestId"),
    headers: Object.fromEntries(headers),
  };
  return {
    auth: createAuthClient(upstreams.auth, options),
    users: createUsersClient(upstreams.users, options),
    workouts: createWorkoutsClient(upstreams.workouts, options),
    notifications: createNotificationsClient(upstreams.notifications, options),
    analytics: createAnalyticsClient(upstreams.analytics, options),
    inventory: createInventoryClient(upstreams.inventory, options),
    payments: createPaymentsClient(upstreams.payments, options),
    metrics: createMetricsClient(upstreams.metrics, options),
  };
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
