/**
 * The client other workers (payments) use to reserve, sell and release stock
 * through the inventory worker's internal routes:
 *
 * ```ts
 * const inventory = createInventoryClient(deps.inventory, { requestId });
 * const reserved = await inventory.reserve({ reservationId: paymentId, lines: [{ sku, quantity }] });
 * if (!reserved.ok) throw new Problem(reserved.problem.code, reserved.problem.detail);
 * await inventory.commit(paymentId, userId);   // on payment_intent.succeeded
 * await inventory.release(paymentId, userId);  // on payment_intent.payment_failed
 * ```
 *
 * Answers the contract names are values (`ok: false` with the problem);
 * anything else — a network failure, a 5xx, an answer that is not the
 * contract's — throws, and callers treat it as "inventory unavailable" (503).
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import type { ReservationBody } from "./schema.ts";

/** A reservation as the inventory worker answers it. */
export type Reservation = ReservationBody;

/** What `reserve` takes. */
export interface ReserveRequest {
  /** Chosen by the caller (e.g. the payment id): the same id again changes nothing. */
  reservationId: string;
  /** One currency across all lines; the same SKU twice is merged. */
  lines: { sku: string; quantity: number }[];
  /** Default 900 (15 minutes). */
  expiresInSeconds?: number;
  /** Who reserves (the buyer's user id), for the ledger; "system" by default. */
  actor?: string;
}

/** A refusal the contract names. */
export interface InventoryRefusal<S extends number> {
  ok: false;
  status: S;
  problem: { code: string; detail: string };
}

/** An accepted call. */
export interface InventoryAccepted {
  ok: true;
  reservation: Reservation;
}

/** The inventory worker, as the payments worker sees it. */
export interface InventoryClient {
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

/** Options of the client for one request's calls. */
export interface InventoryClientOptions {
  /** Forwarded as `x-request-id`, so the inventory worker's logs join the caller's. */
  requestId?: string;
}

/** The placeholder origin: the binding decides where the request goes. */
const origin = "http://inventory.internal";

/** A client of the inventory worker behind `binding`. */
export function createInventoryClient(
  binding: ServiceBinding,
  options: InventoryClientOptions = {},
): InventoryClient {
  async function call<S extends number>(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    refusals: readonly S[],
  ): Promise<InventoryAccepted | InventoryRefusal<S>> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.requestId) headers["x-request-id"] = options.requestId;
    const response = await binding.fetch(
      new Request(origin + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    if (response.status === 200 || response.status === 201) {
      return { ok: true, reservation: JSON.parse(text) as Reservation };
    }
    if ((refusals as readonly number[]).includes(response.status)) {
      const problem = parseProblem(text);
      if (problem) return { ok: false, status: response.status as S, problem };
    }
    throw new Error(
      `Cannot ${method} ${path} on inventory: ${response.status} ${text.slice(0, 200)}`,
    );
  }

  const reservationPath = (id: string) =>
    `/internal/inventory/reservations/${encodeURIComponent(id)}`;

  return {
    reserve: (input) =>
      call("POST", "/internal/inventory/reservations", input, [404, 409, 422] as const),
    commit: (id, actor) =>
      call("POST", `${reservationPath(id)}/commit`, { actor }, [404, 409] as const),
    release: (id, actor) =>
      call("POST", `${reservationPath(id)}/release`, { actor }, [404, 409] as const),
    get: (id) => call("GET", reservationPath(id), undefined, [404] as const),
  };
}

/** `{ code, detail }` of a problem+json body, or undefined when it is not one. */
function parseProblem(text: string): { code: string; detail: string } | undefined {
  try {
    const body = JSON.parse(text) as { code?: unknown; detail?: unknown };
    if (typeof body.code !== "string") return undefined;
    return { code: body.code, detail: typeof body.detail === "string" ? body.detail : "" };
  } catch {
    return undefined;
  }
}
