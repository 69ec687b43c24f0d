/**
 * What payments needs from the inventory worker: the reservation calls of
 * the inventory ↔ payments contract. `workers/inventory/client.ts` provides
 * them over the inventory worker's binding; a call that cannot reach
 * inventory (network, 5xx) throws, and payments answers 503.
 *
 * @module
 */

/** A reservation as inventory reports it. */
export interface Reservation {
  id: string;
  status: "active" | "committed" | "released" | "expired";
  /** RFC 3339. */
  expiresAt: string;
  lines: {
    sku: string;
    name: string;
    quantity: number;
    unitPriceCents: number;
    currency: string;
  }[];
}

/** Inventory's refusal: its problem code and detail. */
export interface InventoryRefusal<S extends number> {
  ok: false;
  status: S;
  problem: { code: string; detail: string };
}

/** The reservation operations (all idempotent by reservation id). */
export interface InventoryPort {
  /** All lines or none: ITEM_NOT_FOUND (404), INSUFFICIENT_STOCK (409), ITEM_NOT_FOR_SALE or MIXED_CURRENCIES (422). */
  reserve(input: {
    reservationId: string;
    lines: { sku: string; quantity: number }[];
    expiresInSeconds?: number;
    /** Who reserves (the buyer), for inventory's ledger. */
    actor?: string;
  }): Promise<{ ok: true; reservation: Reservation } | InventoryRefusal<404 | 409 | 422>>;
  /** Sells the reserved stock (taking it again after an expiry when it is still there). */
  commit(
    reservationId: string,
    actor: string,
  ): Promise<{ ok: true; reservation: Reservation } | InventoryRefusal<404 | 409>>;
  /** Gives the stock back; a committed reservation answers RESERVATION_COMMITTED. */
  release(
    reservationId: string,
    actor: string,
  ): Promise<{ ok: true; reservation: Reservation } | InventoryRefusal<404 | 409>>;
}
