/**
 * What payments needs from the inventory worker: the reservation calls of
 * the inventory ↔ payments contract, made through inventory's typed client
 * (`inventoryReservations` in workers/inventory/client.ts). A call that
 * cannot reach inventory (network, 5xx) throws, and payments answers 503.
 * A refusal is a value: its code, and `errors[].pointer` naming the refused
 * line of the request (`/lines/0/sku`); the detail is prose for people.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import {
  type InventoryRefusal,
  type InventoryReservations,
  inventoryReservations,
  type Reservation,
} from "../inventory/client.ts";

export type { InventoryRefusal, Reservation };

/** The reservation operations (all idempotent by reservation id). */
export type InventoryPort = Pick<InventoryReservations, "reserve" | "commit" | "release">;

/** The inventory worker behind `binding`, as payments calls it. */
export function inventoryOverBinding(binding: ServiceBinding): InventoryPort {
  return inventoryReservations(binding);
}
