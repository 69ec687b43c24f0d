/**
 * The inventory domain's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 * The payments worker tells reservation refusals apart by these codes, and
 * finds the line refused by the problem's `errors[].pointer` (`/lines/0/sku`).
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the inventory worker raises (401, 403 and 422 come from `platformProblems`). */
export const inventoryProblems = defineProblems({
  ITEM_NOT_FOUND: { status: 404, title: "Item not found" },
  SKU_TAKEN: { status: 409, title: "SKU taken" },
  INSUFFICIENT_STOCK: { status: 409, title: "Insufficient stock" },
  ITEM_NOT_FOR_SALE: { status: 422, title: "Item not for sale" },
  MIXED_CURRENCIES: { status: 422, title: "Mixed currencies" },
  RESERVATION_NOT_FOUND: { status: 404, title: "Reservation not found" },
  RESERVATION_COMMITTED: { status: 409, title: "Reservation committed" },
});
