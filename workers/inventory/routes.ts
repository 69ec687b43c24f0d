/**
 * The inventory worker's HTTP surface: the public catalog and availability
 * check, the admin routes, and the internal reservation routes the payments
 * worker calls (./client.ts). HTTP only: headers, status codes and wire
 * shapes; the use cases live in ./service.ts.
 *
 * @module
 */
import { Hono } from "hono";
import { requireAuth, requireRole, requireScope } from "../../shared/auth/middleware.ts";
import { etagged, etaggedJsonOf } from "../../shared/http/etag.ts";
import type { TokenVerifier } from "../../shared/auth/verifier.ts";
import { pageBody, withNextLink } from "../../shared/http/paging.ts";
import { jsonBody, queryParams } from "../../shared/http/validation.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import { reservationIdParam, skuParam } from "./path_params.ts";
import type { ItemRow, MovementRow, ReservationRow } from "./repository.ts";
import {
  actorSchema,
  adjustmentSchema,
  cursorOf,
  type ItemBody,
  itemPatchSchema,
  itemQuerySchema,
  type ItemSummaryBody,
  type MovementBody,
  movementQuerySchema,
  newItemSchema,
  type ReservationBody,
  reserveSchema,
} from "./schema.ts";
import type { InventoryService } from "./service.ts";
import { inventoryDocs } from "./route_docs.ts";

/** Levels change with every sale: shared caches must not keep them. */
const noStore = { "cache-control": "no-store" };

function itemSummaryBody(row: ItemRow): ItemSummaryBody {
  return {
    sku: row.sku,
    name: row.name,
    type: row.type,
    priceCents: row.priceCents,
    currency: row.currency,
    available: row.onHand - row.reserved,
    status: row.status,
  };
}

/** The wire shape of one item with its levels. */
function itemBody(row: ItemRow): ItemBody {
  return {
    sku: row.sku,
    name: row.name,
    type: row.type,
    priceCents: row.priceCents,
    currency: row.currency,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.onHand - row.reserved,
    status: row.status,
    lowStockThreshold: row.lowStockThreshold,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An item's 200 (or 304) with its strong ETag, made once per cached row. */
const itemAnswer = etaggedJsonOf(itemBody);

function movementBody(row: MovementRow): MovementBody {
  return {
    id: String(row.id),
    sku: row.sku,
    kind: row.kind,
    deltaOnHand: row.deltaOnHand,
    deltaReserved: row.deltaReserved,
    reason: row.reason,
    actor: row.actor,
    reservationId: row.reservationId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The wire shape of a reservation (the contract of ./client.ts). */
function reservationBody(row: ReservationRow): ReservationBody {
  return {
    id: row.id,
    status: row.status,
    currency: row.currency,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    lines: row.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      currency: line.currency,
    })),
  };
}

/** The inventory routes over `service`, authenticating admins with `verifier`. */
export function createInventoryRoutes(service: InventoryService, verifier: TokenVerifier) {
  const authenticated = requireAuth(verifier);
  const admin = requireRole("admin");
  const writes = [authenticated, requireScope("inventory:write"), admin] as const;

  // Chained, so every route is part of the type that `hc` clients see.
  return new Hono<WorkerEnv>()
    .get(
      "/v1/inventory/items",
      inventoryDocs.listItems,
      etagged,
      queryParams(itemQuerySchema),
      async (c) => {
        const result = await service.listItems(c.req.valid("query"));
        return c.json(withNextLink(c, pageBody(result, itemSummaryBody, cursorOf.item)), 200);
      },
    )
    // The synchronous availability check: one primary-key read, no authentication; a row
    // the item cache (./item_cache.ts) answers again is not serialised or hashed again.
    .get("/v1/inventory/items/:sku", inventoryDocs.getItem, skuParam, async (c) => {
      return await itemAnswer(c, await service.getItem(c.req.param("sku")), noStore);
    })
    .post(
      "/v1/inventory/items",
      inventoryDocs.createItem,
      ...writes,
      jsonBody(newItemSchema),
      async (c) => {
        const item = await service.createItem(c.req.valid("json"));
        return c.json(itemBody(item), 201, { location: `/v1/inventory/items/${item.sku}` });
      },
    )
    .patch(
      "/v1/inventory/items/:sku",
      inventoryDocs.updateItem,
      ...writes,
      skuParam,
      jsonBody(itemPatchSchema),
      async (c) => {
        const item = await service.updateItem(c.req.param("sku"), c.req.valid("json"));
        return c.json(itemBody(item), 200);
      },
    )
    .post(
      "/v1/inventory/items/:sku/adjustments",
      inventoryDocs.adjustStock,
      ...writes,
      skuParam,
      jsonBody(adjustmentSchema),
      async (c) => {
        const { item, movement } = await service.adjustStock(
          c.req.param("sku"),
          c.req.valid("json"),
          c.get("auth").sub,
        );
        return c.json({ ...itemBody(item), movement: movementBody(movement) }, 201, {
          location: `/v1/inventory/items/${item.sku}/movements`,
        });
      },
    )
    .get(
      "/v1/inventory/items/:sku/movements",
      inventoryDocs.listMovements,
      authenticated,
      requireScope("inventory:read"),
      admin,
      skuParam,
      queryParams(movementQuerySchema),
      async (c) => {
        const result = await service.listMovements(c.req.param("sku"), c.req.valid("query"));
        return c.json(withNextLink(c, pageBody(result, movementBody, cursorOf.movement)), 200);
      },
    )
    // `/internal/*` answers only peers holding the internal secret (the base app's guard).
    .post("/internal/inventory/reservations", jsonBody(reserveSchema), async (c) => {
      const { reservation, created } = await service.reserve(c.req.valid("json"));
      // 200 for a repeat: the caller learns it exists and nothing new was reserved.
      return c.json(reservationBody(reservation), created ? 201 : 200);
    })
    .post("/internal/inventory/reservations/expire", async (c) => {
      return c.json({ expired: await service.expireDue() }, 200);
    })
    .get("/internal/inventory/reservations/:id", reservationIdParam, async (c) => {
      return c.json(reservationBody(await service.getReservation(c.req.param("id"))), 200);
    })
    .post(
      "/internal/inventory/reservations/:id/commit",
      reservationIdParam,
      jsonBody(actorSchema),
      async (c) => {
        const { actor } = c.req.valid("json");
        return c.json(reservationBody(await service.commit(c.req.param("id"), actor)), 200);
      },
    )
    .post(
      "/internal/inventory/reservations/:id/release",
      reservationIdParam,
      jsonBody(actorSchema),
      async (c) => {
        const { actor } = c.req.valid("json");
        return c.json(reservationBody(await service.release(c.req.param("id"), actor)), 200);
      },
    );
}
