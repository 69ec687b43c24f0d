/**
 * The problems the inventory worker answers when it refuses a request.
 *
 * A refusal of a reservation's line carries `errors: [{ pointer, detail }]`
 * pointing at that line of the request (`/lines/2/sku`): callers (payments)
 * find the line by the pointer and the problem's code, never by reading the
 * detail, which is prose for people.
 *
 * @module
 */
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import { inventoryProblems } from "./problems.ts";
import type { ItemRow } from "./repository.ts";

/** `member` of the request's first line of `sku` (lines of one SKU are merged). */
export function linePointer(
  request: readonly { sku: string }[],
  sku: string,
  member: "sku" | "quantity",
): string {
  return `/lines/${request.findIndex((line) => line.sku === sku)}/${member}`;
}

export function itemNotFound(): Problem {
  return new Problem(inventoryProblems.ITEM_NOT_FOUND, "No item has this SKU.");
}

export function reservationNotFound(): Problem {
  return new Problem(inventoryProblems.RESERVATION_NOT_FOUND, "No reservation has this id.");
}

/** A line naming no item. */
export function unknownSku(sku: string, pointer: string): Problem {
  return new Problem(inventoryProblems.ITEM_NOT_FOUND, `No item has the SKU ${sku}.`, {
    extensions: { sku },
    errors: [{ pointer, detail: "is not an item" }],
  });
}

/**
 * `wanted` of `sku` when only `available` are left; `pointer` names the
 * request line asking for too much (none when a commit takes stock again).
 */
export function insufficient(
  sku: string,
  available: number,
  wanted: number,
  pointer?: string,
): Problem {
  const left = Math.max(0, available);
  return new Problem(
    inventoryProblems.INSUFFICIENT_STOCK,
    `Only ${left} of ${sku} available; ${wanted} asked for.`,
    {
      extensions: { sku, available: left },
      ...(pointer ? { errors: [{ pointer, detail: `only ${left} available` }] } : {}),
    },
  );
}

/** A line naming equipment or an item withdrawn from sale. */
export function notForSale(row: Pick<ItemRow, "sku" | "type">, pointer: string): Problem {
  const why = row.type === "equipment" ? "is gym equipment" : "is withdrawn from sale";
  return new Problem(inventoryProblems.ITEM_NOT_FOR_SALE, `${row.sku} ${why}.`, {
    extensions: { sku: row.sku },
    errors: [{ pointer, detail: why }],
  });
}

export function mixedCurrencies(): Problem {
  return new Problem(
    inventoryProblems.MIXED_CURRENCIES,
    "Every line of a reservation must be priced in the same currency.",
    { errors: [{ pointer: "/lines", detail: "must all be priced in one currency" }] },
  );
}

export function invalid(pointer: string, detail: string): Problem {
  return new Problem(platformProblems.VALIDATION_FAILED, "The request body is not valid.", {
    errors: [{ pointer, detail }],
  });
}
