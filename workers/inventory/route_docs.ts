/**
 * How each public inventory route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * @module
 */
import * as v from "valibot";
import { platformProblems } from "../../shared/http/problem.ts";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { id, instant, named, pageOf } from "../../shared/http/openapi/wire.ts";
import { inventoryProblems } from "./problems.ts";
import { itemStatuses, itemTypes, movementKinds } from "./tables.ts";

const common = {
  sku: v.string(),
  name: v.string(),
  type: v.picklist(itemTypes),
  priceCents: v.number(),
  currency: v.pipe(v.string(), v.description("ISO 4217")),
  available: v.pipe(v.number(), v.description("On hand minus reserved.")),
  status: v.picklist(itemStatuses),
};

const itemSummary = named("InventoryItemSummary", v.object(common), {
  sku: "PROTEIN-1KG",
  name: "Whey protein 1 kg",
  type: "product",
  priceCents: 2999,
  currency: "EUR",
  available: 12,
  status: "in_service",
});

const itemEntries = {
  ...common,
  onHand: v.number(),
  reserved: v.number(),
  lowStockThreshold: v.number(),
  createdAt: instant,
  updatedAt: instant,
};
const item = named("InventoryItem", v.object(itemEntries));

const movement = named(
  "StockMovement",
  v.object({
    id,
    sku: v.string(),
    kind: v.picklist(movementKinds),
    deltaOnHand: v.number(),
    deltaReserved: v.number(),
    reason: v.string(),
    actor: v.string(),
    reservationId: v.nullable(id),
    createdAt: instant,
  }),
);

const adjusted = named("AdjustedItem", v.object({ ...itemEntries, movement }));

export const inventoryDocs = {
  listItems: documented({
    summary: "The catalog of products and equipment",
    tag: "Inventory",
    access: "public",
    responses: {
      200: {
        description: "A page of items",
        body: pageOf("InventoryItemPage", itemSummary),
        headers: ["Link"],
      },
    },
  }),
  getItem: documented({
    summary: "One item with its stock levels (the availability check)",
    tag: "Inventory",
    access: "public",
    responses: { 200: { description: "The item", body: item, headers: ["Cache-Control"] } },
    problems: [inventoryProblems.ITEM_NOT_FOUND],
  }),
  createItem: documented({
    summary: "Add an item (admins); it starts with nothing on hand",
    tag: "Inventory",
    access: "admin",
    scope: "inventory:write",
    responses: { 201: { description: "The item", body: item, headers: ["Location"] } },
    problems: [inventoryProblems.SKU_TAKEN],
  }),
  updateItem: documented({
    summary: "Change an item's name, price, status or threshold (admins)",
    tag: "Inventory",
    access: "admin",
    scope: "inventory:write",
    responses: { 200: { description: "The item", body: item } },
    problems: [inventoryProblems.ITEM_NOT_FOUND],
  }),
  adjustStock: documented({
    summary: "Adjust stock on hand (admins)",
    description: "A delta that would make stock negative is 409 `INSUFFICIENT_STOCK`.",
    tag: "Inventory",
    access: "admin",
    scope: "inventory:write",
    responses: {
      201: {
        description: "The item's new levels and the movement",
        body: adjusted,
        headers: ["Location"],
      },
    },
    problems: [inventoryProblems.ITEM_NOT_FOUND, inventoryProblems.INSUFFICIENT_STOCK],
  }),
  listMovements: documented({
    summary: "An item's stock ledger, newest first (admins)",
    tag: "Inventory",
    access: "admin",
    scope: "inventory:read",
    responses: {
      200: {
        description: "A page of movements",
        body: pageOf("StockMovementPage", movement),
        headers: ["Link"],
      },
    },
    problems: [inventoryProblems.ITEM_NOT_FOUND, platformProblems.FORBIDDEN],
  }),
};
