/**
 * What other workers may know of the inventory worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { inventoryProblems } from "./problems.ts";

/**
 * A product's available stock fell to or below its threshold: admins are
 * told. Each crossing is its own fact (consumers keep no copy): no version.
 */
export const StockLow = defineEvent(
  "StockLow",
  v.object({
    sku: eventFields.id,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    available: v.pipe(v.number(), v.safeInteger()),
    threshold: v.pipe(v.number(), v.safeInteger()),
  }),
);
export type StockLow = PayloadOf<typeof StockLow>;
