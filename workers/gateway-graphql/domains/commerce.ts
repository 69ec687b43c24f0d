/**
 * Commerce in GraphQL: the inventory catalog, membership plans, payments and
 * the member's membership, resolved by the inventory and payments workers'
 * REST routes. `checkout` sends its `idempotencyKey` as the REST
 * `Idempotency-Key` header, so a retried mutation pays once, as over REST.
 *
 * @module
 */
import type { ServiceBinding } from "../../../shared/bindings/service_binding.ts";
import { pageArgs } from "../page_args.ts";
import { pathSegment as segment } from "../path_segment.ts";
import { withoutNulls, type WorkerCall } from "../worker_call.ts";
import { idempotencyKeyHeader } from "./idempotency_key.ts";
import { withQuery } from "./workouts.ts";

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
    "Only on inventoryItem (the availability check)."
    onHand: Int
    reserved: Int
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
  call: WorkerCall,
  peers: { inventory: ServiceBinding; payments: ServiceBinding },
) {
  const { inventory, payments } = peers;
  return {
    inventoryItems: (args: Record<string, unknown>) =>
      call(inventory, "GET", withQuery("/v1/inventory/items", pageArgs(args))),
    inventoryItem: ({ sku }: { sku: string }) =>
      call(inventory, "GET", `/v1/inventory/items/${segment(sku, "sku")}`),
    plans: () => call(payments, "GET", "/v1/plans"),
    payment: ({ id }: { id: string }) => call(payments, "GET", `/v1/payments/${segment(id)}`),
    membership: () => call(payments, "GET", "/v1/me/membership"),
    checkout: ({ input }: { input: Record<string, unknown> }) => {
      const { idempotencyKey, ...body } = withoutNulls(input);
      return call(payments, "POST", "/v1/payments", body, idempotencyKeyHeader(idempotencyKey));
    },
    confirmPayment: async ({ input }: { input: { id: string; paymentMethod: string } }) => {
      const path = `/v1/payments/${segment(input.id)}`;
      await call(payments, "POST", `${path}/confirm`, { paymentMethod: input.paymentMethod });
      return await call(payments, "GET", path);
    },
  };
}
