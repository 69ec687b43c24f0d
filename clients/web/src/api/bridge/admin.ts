/**
 * Admin operations over REST: inventory (`/v1/inventory/items`), the analytics overview,
 * refunds and dead letters (`/v1/admin/...`).
 *
 * @module
 */
import {
  AdjustStockDocument,
  AdminInventoryDocument,
  type AdminInventoryQuery,
  AnalyticsOverviewDocument,
  type AnalyticsOverviewQuery,
  CreateInventoryItemDocument,
  DeadLettersDocument,
  type DeadLettersQuery,
  RefundPaymentDocument,
  type RefundPaymentMutation,
  ReplayDeadLetterDocument,
  UpdateInventoryItemDocument,
} from "../../graphql/proposed.generated.ts";
import { rest, segment } from "../rest.ts";
import { adapter } from "./adapter.ts";

type Item = AdminInventoryQuery["inventoryItems"]["items"][number];
type DeadLetter = DeadLettersQuery["deadLetters"]["items"][number];
type DeadLetterBody = Omit<DeadLetter, "type"> & { message?: { type?: string } };

const item = (sku: string) => `/v1/inventory/items/${segment(sku)}`;

export const adminAdapters = [
  adapter(AdminInventoryDocument, async ({ type, limit, cursor }) => {
    const query = new URLSearchParams();
    if (type) query.set("type", type);
    if (limit) query.set("limit", String(limit));
    if (cursor) query.set("cursor", cursor);
    return {
      inventoryItems: await rest<{ items: Item[]; nextCursor: string | null }>(
        `/v1/inventory/items?${query}`,
      ),
    };
  }),
  adapter(CreateInventoryItemDocument, async ({ input }) => ({
    createInventoryItem: await rest<Item>("/v1/inventory/items", { method: "POST", body: input }),
  })),
  adapter(UpdateInventoryItemDocument, async ({ sku, input }) => ({
    updateInventoryItem: await rest<Item>(item(sku), { method: "PATCH", body: input }),
  })),
  adapter(AdjustStockDocument, async ({ input: { sku, ...body } }) => ({
    adjustStock: await rest<Item>(`${item(sku)}/adjustments`, { method: "POST", body }),
  })),
  adapter(AnalyticsOverviewDocument, async () => ({
    analyticsOverview: await rest<AnalyticsOverviewQuery["analyticsOverview"]>(
      "/v1/admin/analytics/overview",
    ),
  })),
  adapter(RefundPaymentDocument, async ({ id }) => ({
    refundPayment: await rest<RefundPaymentMutation["refundPayment"]>(
      `/v1/admin/payments/${segment(id)}/refund`,
      { method: "POST", body: {} },
    ),
  })),
  adapter(DeadLettersDocument, async ({ limit }) => {
    const page = await rest<{ items: DeadLetterBody[] }>(
      `/v1/admin/dead-letters?limit=${limit ?? 50}`,
    );
    return {
      deadLetters: {
        items: page.items.map(({ message, ...letter }) => ({
          ...letter,
          reason: letter.reason ?? null,
          type: message?.type ?? "",
        })),
      },
    };
  }),
  adapter(ReplayDeadLetterDocument, async ({ id }) => {
    await rest<unknown>(`/v1/admin/dead-letters/${segment(id)}/replay`, {
      method: "POST",
      body: {},
    });
    return { replayDeadLetter: true };
  }),
];
