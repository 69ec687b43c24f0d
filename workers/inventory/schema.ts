/**
 * Wire schemas of the inventory worker: what its routes accept and answer.
 *
 * Messages never echo the input: the client knows what it sent, and a long
 * value would bloat the error and the logs.
 *
 * @module
 */
import * as v from "valibot";
import { cursorParam, limitParam } from "../../shared/http/paging.ts";
import { jsonObject } from "../../shared/http/json_object.ts";
import {
  itemStatuses,
  itemTypes,
  type MovementKind,
  type ReservationLine,
  type ReservationStatus,
} from "./tables.ts";

/** SKUs: 2–40 capital letters, digits and dashes, not starting with a dash (as the table checks). */
export const skuPattern = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** Reservation ids (chosen by the caller) and actors (user ids, "system"): URL-safe tokens. */
export const tokenPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/** ISO 4217 codes this runtime knows (EUR, USD, …). */
const currencies = new Set(Intl.supportedValuesOf("currency"));

const sku = v.pipe(
  v.string("must be a string"),
  v.regex(skuPattern, "must be a SKU: 2–40 capital letters, digits or '-', not starting with '-'"),
);

const token = v.pipe(
  v.string("must be a string"),
  v.regex(tokenPattern, "must be 1–128 letters, digits, '_', '.', ':' or '-'"),
);

function text(max: number) {
  return v.pipe(
    v.string("must be a string"),
    v.transform((input: string) => input.trim()),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
  );
}

function integerIn(min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

/** Largest price: 100 000.00 in the currency's minor units. */
export const maxPriceCents = 10_000_000;
/** Largest stock change of one adjustment, and largest level an item may hold by threshold. */
export const maxQuantity = 1_000_000;

const currency = v.pipe(
  v.string("must be a string"),
  v.check((code) => currencies.has(code), "must be an ISO 4217 currency code such as EUR"),
);
const priceCents = integerIn(0, maxPriceCents);
const threshold = integerIn(0, maxQuantity);
const itemType = v.picklist(itemTypes, "must be product or equipment");
const itemStatus = v.picklist(itemStatuses, "must be in_service, maintenance or retired");

/** `POST /v1/inventory/items`. Products cost at least 1; only equipment goes to maintenance. */
export const newItemSchema = v.pipe(
  jsonObject(
    {
      sku,
      name: text(120),
      type: itemType,
      priceCents,
      currency,
      lowStockThreshold: v.optional(threshold, 0),
      status: v.optional(itemStatus, "in_service"),
    },
    "must be an object with sku, name, type, priceCents, currency and optionally lowStockThreshold and status",
  ),
  v.forward(
    v.check(
      (item) => item.type !== "product" || item.priceCents >= 1,
      "must be at least 1 for a product (equipment may be 0: it is not for sale)",
    ),
    ["priceCents"],
  ),
  v.forward(
    v.check(
      (item) => item.type === "equipment" || item.status !== "maintenance",
      "must be in_service or retired for a product (maintenance is for equipment)",
    ),
    ["status"],
  ),
);
export type NewItem = v.InferOutput<typeof newItemSchema>;

/** `PATCH /v1/inventory/items/:sku`: at least one of name, priceCents, status, lowStockThreshold. */
export const itemPatchSchema = v.pipe(
  jsonObject(
    {
      name: v.optional(text(120)),
      priceCents: v.optional(priceCents),
      status: v.optional(itemStatus),
      lowStockThreshold: v.optional(threshold),
      // Named so that the refusal says why rather than "unknown member".
      type: v.optional(v.never("cannot be changed: create an item of the other type instead")),
      sku: v.optional(v.never("cannot be changed: create a new item instead")),
      currency: v.optional(v.never("cannot be changed: create a new item instead")),
    },
    "must be an object with name, priceCents, status or lowStockThreshold",
  ),
  v.check(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    "must change at least one of name, priceCents, status or lowStockThreshold",
  ),
);
export type ItemPatch = Pick<
  v.InferOutput<typeof itemPatchSchema>,
  "name" | "priceCents" | "status" | "lowStockThreshold"
>;

/** `POST /v1/inventory/items/:sku/adjustments`: a non-zero change of the stock on hand. */
export const adjustmentSchema = jsonObject(
  {
    delta: v.pipe(
      integerIn(-maxQuantity, maxQuantity),
      v.check((delta) => delta !== 0, "must not be 0"),
    ),
    reason: text(200),
  },
  "must be an object with delta and reason",
);
export type Adjustment = v.InferOutput<typeof adjustmentSchema>;

/** Most lines of one reservation, and most units of one line. */
export const maxLines = 50;
export const maxLineQuantity = 1_000;

/** `POST /internal/inventory/reservations` (the payments worker's checkout). */
export const reserveSchema = jsonObject(
  {
    reservationId: token,
    lines: v.pipe(
      v.array(
        jsonObject(
          { sku, quantity: integerIn(1, maxLineQuantity) },
          "must be an object with sku and quantity",
        ),
        "must be an array",
      ),
      v.minLength(1, "must hold at least one line"),
      v.maxLength(maxLines, `must hold at most ${maxLines} lines`),
    ),
    expiresInSeconds: v.optional(integerIn(1, 86_400), 900),
    /** Who reserves (the buyer's id), for the ledger; "system" when not said. */
    actor: v.optional(token, "system"),
  },
  "must be an object with reservationId, lines and optionally expiresInSeconds",
);
export type ReserveInput = v.InferOutput<typeof reserveSchema>;

/** The body of `/commit` and `/release`: who did it, for the ledger. */
export const actorSchema = jsonObject({ actor: token }, "must be an object with actor");

/** Where a page of items ends: the last SKU (pages are in SKU order). */
const itemCursor = v.pipe(
  v.strictObject({ k: v.literal("it"), s: sku }),
  v.transform((cursor) => cursor.s),
);

/** Where a page of movements ends: the last id (newest first). */
const movementCursor = v.pipe(
  v.strictObject({ k: v.literal("mv"), i: v.pipe(v.number(), v.safeInteger(), v.minValue(1)) }),
  v.transform((cursor) => cursor.i),
);

/** The cursor of the page after one ending at `last`. */
export const cursorOf = {
  item: (sku: string) => ({ k: "it", s: sku }),
  movement: (id: number) => ({ k: "mv", i: id }),
};

/** `GET /v1/inventory/items?type=&limit=&cursor=`. */
export const itemQuerySchema = v.object({
  type: v.optional(itemType),
  limit: limitParam,
  cursor: cursorParam(itemCursor),
});
export type ItemQuery = v.InferOutput<typeof itemQuerySchema>;

/** `GET /v1/inventory/items/:sku/movements?limit=&cursor=`. */
export const movementQuerySchema = v.object({
  limit: limitParam,
  cursor: cursorParam(movementCursor),
});
export type MovementQuery = v.InferOutput<typeof movementQuerySchema>;

/** An item in a list (the public contract). */
export interface ItemSummaryBody {
  sku: string;
  name: string;
  type: string;
  priceCents: number;
  currency: string;
  available: number;
  status: string;
}

/** One item with its levels: the synchronous availability check. */
export interface ItemBody {
  sku: string;
  name: string;
  type: string;
  priceCents: number;
  currency: string;
  onHand: number;
  reserved: number;
  available: number;
  status: string;
  lowStockThreshold: number;
  createdAt: string;
  updatedAt: string;
}

/** One row of the ledger. */
export interface MovementBody {
  id: string;
  sku: string;
  kind: MovementKind;
  deltaOnHand: number;
  deltaReserved: number;
  reason: string;
  actor: string;
  reservationId: string | null;
  createdAt: string;
}

/** A reservation as the internal routes answer it (see ./client.ts). */
export interface ReservationBody {
  id: string;
  status: ReservationStatus;
  currency: string;
  expiresAt: string;
  createdAt: string;
  lines: ReservationLine[];
}
