/**
 * Commerce in GraphQL: the inventory catalog, membership plans, payments and
 * the member's membership, resolved by the inventory and payments workers'
 * REST routes. `checkout` sends its `idempotencyKey` as the REST
 * `Idempotency-Key` header, so a retried mutation pays once, as over REST.
 *
 * @module
 */
import type { ForwardedClients, Relay } from "../forwarded_clients.ts";
import { pageArgs } from "../page_args.ts";
import { pathSegment as segment } from "../path_segment.ts";
import { restBody, restQuery } from "../rest_input.ts";
import { idempotencyKeyHeader } from "./idempotency_key.ts";

export const commerceSdl = /* GraphQL */ `
  type InventoryItem {
    sku: ID!
    name: String!
    "product or equipment"
    type: String!
    priceCents: Int!
    currency: String!
    available: Int!
    "in_service, maintenance or retired"
    status: String!
    "Only on inventoryItem (the availability check) and the admin mutations."
    onHand: Int
    reserved: Int
    "Only on inventoryItem and the admin mutations: available at or below it is low stock."
    lowStockThreshold: Int
  }
  type InventoryItemPage { items: [InventoryItem!]!, nextCursor: String }

  type Plan { id: ID!, name: String!, interval: String!, priceCents: Int!, currency: String! }
  type PlanList { items: [Plan!]! }

  type PaymentLine { sku: ID!, name: String!, quantity: Int!, unitPriceCents: Int! }
  type Payment {
    id: ID!
    "requires_confirmation, processing, succeeded, failed or refunded"
    status: String!
    amountCents: Int!
    currency: String!
    clientSecret: String!
    items: [PaymentLine!]!
    planId: ID
    failureReason: String
    createdAt: String!
  }
  type PaymentPage { items: [Payment!]!, nextCursor: String }
  type Membership { active: Boolean!, planId: ID, currentPeriodEnd: String }

  input CheckoutLineInput { sku: ID!, quantity: Int! }
  input CheckoutInput {
    "Sent as Idempotency-Key: the same key and input again return the same payment."
    idempotencyKey: String!
    items: [CheckoutLineInput!]
    planId: ID
  }
  input ConfirmPaymentInput { id: ID!, paymentMethod: String! }

  extend type Query {
    inventoryItems(type: String, limit: Int, cursor: String): InventoryItemPage!
    inventoryItem(sku: ID!): InventoryItem
    plans: PlanList!
    payment(id: ID!): Payment
    "The signed-in member's payments, newest first."
    payments(limit: Int, cursor: String): PaymentPage!
    membership: Membership!
  }

  extend type Mutation {
    checkout(input: CheckoutInput!): Payment!
    "Confirms server-side; the payment as it stands afterwards."
    confirmPayment(input: ConfirmPaymentInput!): Payment!
  }
`;

/** The commerce resolvers of one request. */
export function commerceResolvers(
  clients: Pick<ForwardedClients, "inventory" | "payments">,
  relay: Relay,
) {
  const { items } = clients.inventory.v1.inventory;
  const { plans, payments, me } = clients.payments.v1;
  return {
    inventoryItems: (args: Record<string, unknown>) =>
      relay(items.$get({ query: restQuery(pageArgs(args)) })),
    inventoryItem: ({ sku }: { sku: string }) =>
      relay(items[":sku"].$get({ param: { sku: segment(sku, "sku") } })),
    plans: () => relay(plans.$get()),
    payment: ({ id }: { id: string }) =>
      relay(payments[":id"].$get({ param: { id: segment(id) } })),
    payments: (args: Record<string, unknown>) =>
      relay(payments.$get({ query: restQuery(pageArgs(args)) })),
    membership: () => relay(me.membership.$get()),
    checkout: ({ input }: { input: Record<string, unknown> }) => {
      const { idempotencyKey, ...body } = input;
      const headers = idempotencyKeyHeader(idempotencyKey);
      return relay(payments.$post({ json: restBody(body) }, { headers }));
    },
    confirmPayment: async ({ input }: { input: { id: string; paymentMethod: string } }) => {
      const param = { id: segment(input.id) };
      const { paymentMethod } = input;
      await relay(payments[":id"].confirm.$post({ param, json: { paymentMethod } }));
      return await relay(payments[":id"].$get({ param }));
    },
  };
}
