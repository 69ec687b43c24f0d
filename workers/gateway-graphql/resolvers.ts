/**
 * The root value: one resolver per top-level field, each calling a worker
 * through its typed client with the caller's credentials and request id.
 *
 * Built once per gateway. A field's resolver finds its request's clients
 * through the request's context (the Hono context graphql passes along),
 * and a domain's resolvers are made for a request only when one of its
 * fields runs: a query pays for the domains and clients it uses, not for
 * every one (./forwarded_clients.ts). Which domain answers a field is
 * read from the domain's own SDL.
 *
 * @module
 */
import { Kind, parse } from "graphql";
import type { Context } from "hono";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { CachedHealth } from "../../shared/health/cached_health.ts";
import type { PlatformHealth } from "../../shared/health/platform_health.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import type { DomainWorkerName } from "../../shared/runtime/workers.ts";
import { identityResolvers, identitySdl } from "./domains/identity.ts";
import { workoutsResolvers, workoutsSdl } from "./domains/workouts.ts";
import { progressResolvers, progressSdl } from "./domains/progress.ts";
import { commerceResolvers, commerceSdl } from "./domains/commerce.ts";
import { adminResolvers, adminSdl } from "./domains/admin.ts";
import { devicesResolvers, devicesSdl } from "./domains/devices.ts";
import {
  type ForwardedClients,
  forwardedClients,
  type Relay,
  relayFor,
} from "./forwarded_clients.ts";

// Each domain's resolvers take their own argument types; graphql passes whatever the field declares.
// deno-lint-ignore no-explicit-any
type Resolver = (args: any) => unknown;
type DomainResolvers = (clients: ForwardedClients, relay: Relay) => Record<string, Resolver>;

/** Each domain: the SDL that declares its root fields, and the resolvers of one request. */
const domains: readonly (readonly [sdl: string, resolvers: DomainResolvers])[] = [
  [identitySdl, identityResolvers],
  [workoutsSdl, workoutsResolvers],
  [progressSdl, progressResolvers],
  [commerceSdl, commerceResolvers],
  [adminSdl, adminResolvers],
  [devicesSdl, devicesResolvers],
];

/** What the resolvers call. */
export interface RootBindings {
  /** Forwarding for the client (unsigned): every resolver's REST call. */
  upstreams: Record<DomainWorkerName, ServiceBinding>;
  /** The gateway's own health checks, through signed bindings, cached briefly. */
  health: CachedHealth<PlatformHealth>;
}

/** What one request made: its clients, and the resolvers of each domain it used. */
interface RequestResolvers {
  clients: ForwardedClients;
  relay: Relay;
  domains: (Record<string, Resolver> | undefined)[];
  health?: Promise<unknown>;
}

/** The gateway's root value. */
export function createRootValue(bindings: RootBindings, internalSecret: string) {
  const requests = new WeakMap<Context<WorkerEnv>, RequestResolvers>();
  const requestOf = (c: Context<WorkerEnv>) => {
    let request = requests.get(c);
    if (!request) {
      const clients = forwardedClients(c, bindings.upstreams, internalSecret);
      request = { clients, relay: relayFor(c.get("requestId")), domains: [] };
      requests.set(c, request);
    }
    return request;
  };

  const root: Record<string, (args: unknown, c: Context<WorkerEnv>) => unknown> = {};
  domains.forEach(([sdl, resolvers], index) => {
    for (const field of rootFieldsOf(sdl)) {
      root[field] = (args, c) => {
        const request = requestOf(c);
        const domain = request.domains[index] ??= resolvers(request.clients, request.relay);
        return domain[field](args);
      };
    }
  });
  // Once per request, however many aliases select it; the stores at most once per window.
  root.health = (_args, c) => {
    const request = requestOf(c);
    return request.health ??= bindings.health(c.get("requestId")).then((health) => ({
      status: health.status,
      workers: Object.entries(health.workers).map(([name, status]) => ({ name, status })),
    }));
  };
  return root;
}

/** The `Query` and `Mutation` fields a domain's SDL declares. */
function rootFieldsOf(sdl: string): string[] {
  return parse(sdl).definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      ["Query", "Mutation"].includes(definition.name.value)
      ? (definition.fields ?? []).map((field) => field.name.value)
      : []
  );
}
