/**
 * The admins' operations in GraphQL: inventory changes, refunds, the
 * analytics overview and the queue's dead letters, resolved by the
 * inventory, payments, analytics and metrics workers' admin REST routes.
 *
 * The gateway checks no role itself: it calls each route with the caller's
 * own token, and the worker's `requireRole("admin")` refuses a member (403
 * FORBIDDEN) or a stranger (401 UNAUTHENTICATED), relayed with that code.
 *
 * @module
 */
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";
import { pageArgs } from "../page_args.ts";
import { pathSegment as segment } from "../path_segment.ts";
import { restBody, restQuery } from "../rest_input.ts";

export const adminSdl = /* GraphQL */ `
  type ActiveUsers { total: Int!, active1d: Int!, active7d: Int!, active30d: Int! }
  type DailyCount { date: String!, count: Int! }
  type DailyRevenue { date: String!, currency: String!, amountCents: Int! }
  "The last 30 UTC days."
  type AnalyticsOverview {
    users: ActiveUsers!
    signupsByDay: [DailyCount!]!
    sessionsByDay: [DailyCount!]!
    "Net per UTC day and currency (refunds subtracted on their day); days without revenue left out."
    revenueByDay: [DailyRevenue!]!
    payingUsers: Int!
  }

  type DeadLetter {
    id: ID!
    consumer: String!
    "The event's type (SessionLogged, …)."
    type: String!
    failedAt: String!
    reason: String
  }
  "At most limit of them (default 20); nextCursor is always null: replaying one removes it."
  type DeadLetterPage { items: [DeadLetter!]!, nextCursor: String }

  input CreateInventoryItemInput {
    sku: ID!
    name: String!
    "product or equipment"
    type: String!
    priceCents: Int!
    currency: String!
    lowStockThreshold: Int
  }
  input UpdateInventoryItemInput {
    name: String
    priceCents: Int
    status: String
    lowStockThreshold: Int
  }
  input AdjustStockInput {
    sku: ID!
    "Change of the on-hand count (negative to remove), never 0."
    delta: Int!
    reason: String!
  }

  extend type Query {
    "Admins only."
    analyticsOverview: AnalyticsOverview!
    "Admins only."
    deadLetters(limit: Int): DeadLetterPage!
  }

  extend type Mutation {
    "Admins only."
    createInventoryItem(input: CreateInventoryItemInput!): InventoryItem!
    "Admins only."
    updateInventoryItem(sku: ID!, input: UpdateInventoryItemInput!): InventoryItem!
    "Admins only; the item with its new levels."
    adjustStock(input: AdjustStockInput!): InventoryItem!
    "Admins only; the payment as it stands when the refund is requested (refunded once the provider confirms)."
    refundPayment(id: ID!): Payment!
    "Admins only; true once the delivery is sent again (an unknown id is DEAD_LETTER_NOT_FOUND)."
    replayDeadLetter(id: ID!): Boolean!
  }
`;

type Args = Record<string, unknown>;

/** The admin resolvers of one request. */
export function adminResolvers(
  clients: Pick<ForwardedClients, "inventory" | "payments" | "analytics" | "metrics">,
  relay: Relay,
) {
  const { items } = clients.inventory.v1.inventory;
  const deadLetters = clients.metrics.v1.admin["dead-letters"];
  return {
    analyticsOverview: () => relay(clients.analytics.v1.admin.analytics.overview.$get()),
    deadLetters: async (args: Args) => {
      const page = await relay(deadLetters.$get({ query: restQuery(pageArgs(args)) }));
      return {
        items: page.items.map(({ message, ...letter }) => ({ ...letter, type: message.type })),
        nextCursor: page.nextCursor,
      };
    },
    createInventoryItem: ({ input }: { input: Args }) =>
      relay(items.$post({ json: restBody(input) })),
    updateInventoryItem: ({ sku, input }: { sku: string; input: Args }) =>
      relay(items[":sku"].$patch({ param: { sku: segment(sku, "sku") }, json: restBody(input) })),
    adjustStock: ({ input }: { input: Args }) => {
      const { sku, ...adjustment } = input;
      const param = { sku: segment(sku as string, "sku") };
      return relay(items[":sku"].adjustments.$post({ param, json: restBody(adjustment) }));
    },
    refundPayment: ({ id }: { id: string }) =>
      relay(clients.payments.v1.admin.payments[":id"].refund.$post({ param: { id: segment(id) } })),
    replayDeadLetter: async ({ id }: { id: string }) => {
      await relay(deadLetters[":id"].replay.$post({ param: { id: segment(id) } }));
      return true;
    },
  };
}
