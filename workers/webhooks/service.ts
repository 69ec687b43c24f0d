/**
 * The webhooks use cases: subscriptions of the caller (never another
 * member's: an unknown or foreign id is the same 404), their secrets, their
 * delivery logs and replays. HTTP-free.
 *
 * @module
 */
import type { Role } from "../../shared/auth/claims.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { listDeliveries, replayDelivery } from "./delivery_store.ts";
import { webhooksProblems } from "./problems.ts";
import { adminOnlyEvents } from "./public_events.ts";
import { secretOverlapMs } from "./retry_schedule.ts";
import type { CreateSubscription, PageQuery, UpdateSubscription } from "./schema.ts";
import { newSigningSecret } from "./secrets.ts";
import { createSubscriptionStore } from "./subscription_store.ts";
import type { UrlGuard } from "./url_guard.ts";

/** Who is asking: the verified token's subject and role. */
export interface Caller {
  sub: string;
  role: Role;
}

/** What the service needs. */
export interface WebhooksServiceDeps {
  db: Database;
  guard: UrlGuard;
  now: () => Date;
}

/** The use cases over `deps`. */
export function createWebhooksService(deps: WebhooksServiceDeps) {
  const { db, guard, now } = deps;
  const store = createSubscriptionStore(db);
  const notFound = () =>
    new Problem(webhooksProblems.WEBHOOK_NOT_FOUND, "No webhook subscription has this id.");

  async function checkUrl(url: string): Promise<void> {
    const checked = await guard(url);
    if (checked.ok) return;
    throw new Problem(platformProblems.VALIDATION_FAILED, "The request body is not valid.", {
      errors: [{ pointer: "/url", detail: checked.reason }],
    });
  }

  function checkEvents(caller: Caller, events: readonly string[]): void {
    const forbidden = events.filter((event) => adminOnlyEvents.some((only) => only === event));
    if (forbidden.length > 0 && caller.role !== "admin") {
      throw new Problem(
        webhooksProblems.WEBHOOK_EVENT_FORBIDDEN,
        `Only admins may subscribe to ${forbidden.join(", ")}.`,
      );
    }
  }

  async function owned(caller: Caller, id: string) {
    const row = await store.find(caller.sub, id);
    if (!row) throw notFound();
    return row;
  }

  return {
    async create(caller: Caller, input: CreateSubscription) {
      checkEvents(caller, input.events);
      await checkUrl(input.url);
      const at = now();
      const secret = newSigningSecret();
      const row = await store.insert({
        id: `wh_${crypto.randomUUID().replaceAll("-", "")}`,
        userId: caller.sub,
        ownerRole: caller.role === "admin" ? "admin" : "member",
        url: input.url,
        events: input.events,
        description: input.description ?? null,
        secret,
        createdAt: at,
        updatedAt: at,
      });
      return { row, secret };
    },

    list: (caller: Caller, query: PageQuery) =>
      store.list(caller.sub, { limit: query.limit, after: query.cursor }),

    get: owned,

    async update(caller: Caller, id: string, patch: UpdateSubscription) {
      await owned(caller, id);
      if (patch.events) checkEvents(caller, patch.events);
      if (patch.url !== undefined) await checkUrl(patch.url);
      const row = await store.update(caller.sub, id, patch, now());
      if (!row) throw notFound();
      return row;
    },

    async remove(caller: Caller, id: string) {
      if (!(await store.remove(caller.sub, id))) throw notFound();
    },

    async rotate(caller: Caller, id: string) {
      const at = now();
      const secret = newSigningSecret();
      const row = await store.rotate(
        caller.sub,
        id,
        secret,
        new Date(at.getTime() + secretOverlapMs),
        at,
      );
      if (!row) throw notFound();
      return { row, secret };
    },

    async deliveries(caller: Caller, id: string, query: PageQuery) {
      await owned(caller, id);
      return await listDeliveries(db, id, { limit: query.limit, after: query.cursor });
    },

    async replay(caller: Caller, id: string, deliveryId: string) {
      await owned(caller, id);
      const delivery = await replayDelivery(db, id, deliveryId);
      if (!delivery) {
        throw new Problem(
          webhooksProblems.WEBHOOK_DELIVERY_NOT_FOUND,
          "This subscription has no delivery with this id.",
        );
      }
      return delivery;
    },
  };
}

/** The webhooks use cases. */
export type WebhooksService = ReturnType<typeof createWebhooksService>;
