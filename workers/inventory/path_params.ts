/**
 * Path parameters checked by shape at the route, before the handler or any
 * query: a SKU is 2–40 capital letters, digits and dashes, a reservation id a
 * URL-safe token (./schema.ts). Anything else — NUL bytes, other encodings,
 * megabytes of junk — names nothing that exists, so it is the same 404 as an
 * unknown one and never reaches the database.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { Problem } from "../../shared/http/problem.ts";
import { shapedParam } from "../../shared/http/path_id.ts";
import { inventoryProblems } from "./problems.ts";
import { skuPattern, tokenPattern } from "./schema.ts";

/** 404 ITEM_NOT_FOUND unless `:sku` has the shape of a SKU. */
export const skuParam: MiddlewareHandler = shapedParam(
  "sku",
  skuPattern,
  () => new Problem(inventoryProblems.ITEM_NOT_FOUND, "No item has this SKU."),
);

/** 404 RESERVATION_NOT_FOUND unless `:id` has the shape of a reservation id. */
export const reservationIdParam: MiddlewareHandler = shapedParam(
  "id",
  tokenPattern,
  () => new Problem(inventoryProblems.RESERVATION_NOT_FOUND, "No reservation has this id."),
);
