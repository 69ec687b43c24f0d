/**
 * The typed client other workers use to reach the inventory worker, and the
 * reservation calls of the inventory ↔ payments contract over it:
 *
 * ```ts
 * const reservations = inventoryReservations(deps.inventory, { requestId });
 * const reserved = await reservations.reserve({ reservationId: paymentId, lines: [{ sku, quantity }] });
 * // A refusal: { code: "ITEM_NOT_FOUND", errors: [{ pointer: "/lines/0/sku", detail }] }
 * if (!reserved.ok) return reserved.problem;
 * await reservations.commit(paymentId, userId);   // on payment_intent.succeeded
 * await reservations.release(paymentId, userId);  // on payment_intent.payment_failed
 * ```
 *
 * Answers the contract names are values (`ok: false` with the problem);
 * anything else — a network failure, a 5xx, an answer that is not the
 * contract's — throws, and callers treat it as "inventory unavailable" (503).
 *
 * @module
 */
import type { InferRequestType } from "hono/client";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import {
  answerOf,
  type WorkerAnswer,
  workerClientFactory,
  type WorkerClientOptions,
} from "../../shared/bindings/worker_client.ts";
import type { ProblemBody } from "../../shared/http/problem.ts";
import type { InventoryApp } from "./mod.ts";

/** A typed client of the inventory worker behind a binding, carrying the caller's request id. */
export const createInventoryClient = workerClientFactory<InventoryApp>();

/** The inventory worker's client type. */
export type InventoryClient = ReturnType<typeof createInventoryClient>;

type ReservationRoutes = InventoryClient["internal"]["inventory"]["reservations"];

/** What `reserve` takes: the body of `POST /internal/inventory/reservations`. */
export type ReserveRequest = InferRequestType<ReservationRoutes["$post"]>["json"];

/** A reservation as the inventory worker answers it. */
export type Reservation = Awaited<
  ReturnType<Awaited<ReturnType<ReservationRoutes["$post"]>>["json"]>
>;

/** A refusal the contract names: its code, and `errors[].pointer` locating a refused line. */
export interface InventoryRefusal<S extends number> {
  ok: false;
  status: S;
  problem: ProblemBody;
}

/** An accepted call. */
export interface InventoryAccepted {
  ok: true;
  reservation: Reservation;
}

/** The reservation calls, as the payments worker makes them. */
export interface InventoryReservations {
  /**
   * Reserves every line or none (all-or-nothing, atomic). Idempotent by
   * reservationId: the same id again returns the existing reservation unchanged.
   * Refusals: 404 ITEM_NOT_FOUND, 409 INSUFFICIENT_STOCK, 422 ITEM_NOT_FOR_SALE,
   * MIXED_CURRENCIES or VALIDATION_FAILED.
   */
  reserve(input: ReserveRequest): Promise<InventoryAccepted | InventoryRefusal<404 | 409 | 422>>;
  /**
   * Turns the reservation into a sale (idempotent). If it had expired or been
   * released, takes the stock again if available; else 409 INSUFFICIENT_STOCK.
   */
  commit(
    reservationId: string,
    actor: string,
  ): Promise<InventoryAccepted | InventoryRefusal<404 | 409>>;
  /** Releases a still-active reservation (idempotent); a committed one answers 409 RESERVATION_COMMITTED. */
  release(
    reservationId: string,
    actor: string,
  ): Promise<InventoryAccepted | InventoryRefusal<404 | 409>>;
  /** The reservation as it stands; 404 RESERVATION_NOT_FOUND. */
  get(reservationId: string): Promise<InventoryAccepted | InventoryRefusal<404>>;
}

/** The reservation calls to the inventory worker behind `binding`. */
export function inventoryReservations(
  binding: ServiceBinding,
  options: WorkerClientOptions = {},
): InventoryReservations {
  const reservations = createInventoryClient(binding, options).internal.inventory.reservations;
  const one = (id: string) => ({ param: { id: encodeURIComponent(id) } });
  return {
    reserve: async (input) =>
      accepted(await answerOf(await reservations.$post({ json: input }), [404, 409, 422] as const)),
    commit: async (id, actor) =>
      accepted(
        await answerOf(
          await reservations[":id"].commit.$post({ ...one(id), json: { actor } }),
          [404, 409] as const,
        ),
      ),
    release: async (id, actor) =>
      accepted(
        await answerOf(
          await reservations[":id"].release.$post({ ...one(id), json: { actor } }),
          [404, 409] as const,
        ),
      ),
    get: async (id) =>
      accepted(await answerOf(await reservations[":id"].$get(one(id)), [404] as const)),
  };
}

/** The answer in the contract's words: the reservation, or the refusal. */
function accepted<S extends number>(
  answer: WorkerAnswer<Reservation, S>,
): InventoryAccepted | InventoryRefusal<S> {
  return answer.ok ? { ok: true, reservation: answer.value } : answer;
}
