/**
 * Reservations: reserve → commit | release | expire. The payments worker
 * holds stock for a checkout with them (./client.ts); nothing here knows
 * about HTTP beyond the problems it raises.
 *
 * Rules kept here:
 * - a reservation is all lines or none, in one currency;
 * - the expiry sweep is the only thing that releases a lapsed reservation:
 *   until it runs, the stock stays reserved (never counted available twice),
 *   and committing such a reservation sells the stock it still holds.
 *
 * @module
 */
import { Problem } from "../../shared/http/problem.ts";
import type { InventoryMetrics } from "./metrics.ts";
import { inventoryProblems } from "./problems.ts";
import {
  insufficient,
  itemNotFound,
  linePointer,
  mixedCurrencies,
  notForSale,
  reservationNotFound,
  unknownSku,
} from "./refusals.ts";
import type {
  InventoryRepository,
  ItemRow,
  NewMovement,
  ReservationRow,
  StockTransaction,
} from "./repository.ts";
import { type ReserveInput, tokenPattern } from "./schema.ts";
import {
  announceIfLow,
  available,
  forSale,
  inLockOrder,
  mergeLines,
  movement,
} from "./stock_rules.ts";
import type { ReservationLine } from "./tables.ts";

/** What the reservation use cases need. */
export interface ReservationServiceDeps {
  repository: InventoryRepository;
  now: () => Date;
  metrics: InventoryMetrics;
}

/** The reservation use cases. */
export interface ReservationService {
  /** All lines or none; the same id again answers the existing reservation (`created: false`). */
  reserve(input: ReserveInput): Promise<{ reservation: ReservationRow; created: boolean }>;
  /** 404 RESERVATION_NOT_FOUND when there is none. */
  getReservation(id: string): Promise<ReservationRow>;
  /** Sells the reservation (idempotent); a lapsed one takes the stock again if it is available. */
  commit(id: string, actor: string): Promise<ReservationRow>;
  /** Gives the stock back (idempotent); 409 RESERVATION_COMMITTED once sold. */
  release(id: string, actor: string): Promise<ReservationRow>;
  /** Releases every active reservation past its expiry; returns how many. */
  expireDue(): Promise<number>;
}

/** Who releases lapsed reservations in the ledger. */
const systemActor = "system";
/** Reservations released per transaction by the sweep. */
const sweepBatch = 100;
/** Batches per sweep call, so one call always ends; the next sweep continues. */
const sweepBatches = 50;

/** The reservation use cases over `deps`. */
export function createReservationService(deps: ReservationServiceDeps): ReservationService {
  const { repository, now, metrics } = deps;

  /** Why reserving `quantity` of `sku` failed, read again inside the transaction. */
  async function reserveRefusal(
    tx: StockTransaction,
    request: readonly { sku: string }[],
    { sku, quantity }: { sku: string; quantity: number },
  ) {
    const row = await tx.findItem(sku);
    if (!row) return unknownSku(sku, linePointer(request, sku, "sku"));
    return forSale(row)
      ? insufficient(sku, available(row), quantity, linePointer(request, sku, "quantity"))
      : notForSale(row, linePointer(request, sku, "sku"));
  }

  /** Checks every line names a product on sale, all in one currency (before taking any stock). */
  async function checkLines(
    tx: StockTransaction,
    lines: readonly { sku: string }[],
    request: readonly { sku: string }[],
  ) {
    const rows = await tx.findItems(lines.map((line) => line.sku));
    const bySku = new Map(rows.map((row) => [row.sku, row]));
    for (const line of lines) {
      const row = bySku.get(line.sku);
      if (!row) throw unknownSku(line.sku, linePointer(request, line.sku, "sku"));
      if (!forSale(row)) throw notForSale(row, linePointer(request, line.sku, "sku"));
    }
    if (new Set(rows.map((row) => row.currency)).size > 1) throw mixedCurrencies();
  }

  async function reserveLines(
    tx: StockTransaction,
    input: ReserveInput,
    at: Date,
  ): Promise<ReservationRow> {
    const lines = mergeLines(input.lines);
    await checkLines(tx, lines, input.lines);
    const reservedRows = new Map<string, ItemRow>();
    for (const line of inLockOrder(lines)) {
      const row = await tx.reserve(line.sku, line.quantity, at);
      if (!row) throw await reserveRefusal(tx, input.lines, line);
      reservedRows.set(line.sku, row);
    }
    // Prices and names as locked by the reservation, not as read before it.
    const priced: ReservationLine[] = lines.map((line) => {
      const row = reservedRows.get(line.sku)!;
      return {
        sku: row.sku,
        name: row.name,
        quantity: line.quantity,
        unitPriceCents: row.priceCents,
        currency: row.currency,
      };
    });
    const currencies = new Set(priced.map((line) => line.currency));
    if (currencies.size > 1) throw mixedCurrencies();
    await tx.record(
      lines.map((line) =>
        movement("reservation", line.sku, { onHand: 0, reserved: line.quantity }, {
          reason: "reserved for checkout",
          actor: input.actor,
          reservationId: input.reservationId,
        })
      ),
      at,
    );
    for (const line of inLockOrder(lines)) {
      await announceIfLow(tx, reservedRows.get(line.sku)!, -line.quantity, at);
    }
    return await tx.completeReservation(input.reservationId, {
      currency: priced[0].currency,
      lines: priced,
    });
  }

  /** Locks reservation `id` in `tx`, or 404. */
  async function lockReservation(tx: StockTransaction, id: string): Promise<ReservationRow> {
    const reservation = tokenPattern.test(id) ? await tx.lockReservation(id) : undefined;
    if (!reservation) throw reservationNotFound();
    return reservation;
  }

  return {
    async reserve(input) {
      const at = now();
      const expiresAt = new Date(at.getTime() + input.expiresInSeconds * 1000);
      let result: { reservation: ReservationRow; created: boolean } | undefined;
      // The usual checkout in one round trip; anything else (a refusal, a replay, a low-stock
      // crossing) in the transaction below, which finds out which and says so.
      const reservation = await repository.reserveAtOnce({
        id: input.reservationId,
        lines: mergeLines(input.lines),
        expiresAt,
        at,
        actor: input.actor,
      });
      if (reservation) result = { reservation, created: true };
      try {
        result ??= await repository.transaction(async (tx) => {
          // A concurrent reserve of the same id waits on this insert until the first commits.
          if (!await tx.claimReservation(input.reservationId, expiresAt, at)) {
            return { reservation: await lockReservation(tx, input.reservationId), created: false };
          }
          return { reservation: await reserveLines(tx, input, at), created: true };
        });
      } catch (error) {
        if (error instanceof Problem) metrics.reservations("rejected");
        throw error;
      }
      if (result.created) {
        metrics.reservations("created");
        metrics.movements(result.reservation.lines.map(() => "reservation"));
      }
      return result;
    },

    async getReservation(id) {
      const reservation = tokenPattern.test(id) ? await repository.findReservation(id) : undefined;
      if (!reservation) throw reservationNotFound();
      return reservation;
    },

    async commit(id, actor) {
      const at = now();
      // An active reservation sold in one round trip; anything else in the transaction below.
      const sold = tokenPattern.test(id)
        ? await repository.commitAtOnce({ id, at, actor })
        : undefined;
      if (sold) {
        metrics.reservations("committed");
        metrics.movements(sold.lines.map(() => "sale"));
        return sold;
      }
      const { reservation, kinds } = await repository.transaction(async (tx) => {
        const current = await lockReservation(tx, id);
        if (current.status === "committed") return { reservation: current, kinds: [] };
        const lines = inLockOrder(current.lines);
        const moves: NewMovement[] = [];
        for (const line of lines) {
          const fields = { reason: "sold", actor, reservationId: id };
          if (current.status === "active") {
            // The stock is still held: selling it leaves `available` unchanged.
            const row = await tx.sellReserved(line.sku, line.quantity, at);
            if (!row) throw new Error(`Cannot commit ${id}: ${line.sku} holds less than reserved`);
            moves.push(
              movement(
                "sale",
                line.sku,
                { onHand: -line.quantity, reserved: -line.quantity },
                fields,
              ),
            );
          } else {
            // Released or expired: paid after all, so take the stock again if it is there.
            const row = await tx.sellAvailable(line.sku, line.quantity, at);
            if (!row) {
              const item = await tx.findItem(line.sku);
              throw item ? insufficient(item.sku, available(item), line.quantity) : itemNotFound();
            }
            moves.push(movement("sale", line.sku, { onHand: -line.quantity, reserved: 0 }, fields));
            await announceIfLow(tx, row, -line.quantity, at);
          }
        }
        await tx.record(moves, at);
        return {
          reservation: await tx.setReservationStatus(id, "committed", at),
          kinds: moves.map((move) => move.kind),
        };
      });
      if (kinds.length > 0) {
        metrics.reservations("committed");
        metrics.movements(kinds);
      }
      return reservation;
    },

    async release(id, actor) {
      const at = now();
      const { reservation, kinds } = await repository.transaction(async (tx) => {
        const current = await lockReservation(tx, id);
        if (current.status === "committed") {
          throw new Problem(
            inventoryProblems.RESERVATION_COMMITTED,
            "This reservation is sold; refund the payment instead.",
          );
        }
        if (current.status !== "active") return { reservation: current, kinds: [] };
        const moves: NewMovement[] = [];
        for (const line of inLockOrder(current.lines)) {
          const row = await tx.unreserve(line.sku, line.quantity, at);
          if (!row) throw new Error(`Cannot release ${id}: ${line.sku} holds less than reserved`);
          moves.push(movement("release", line.sku, { onHand: 0, reserved: -line.quantity }, {
            reason: "reservation released",
            actor,
            reservationId: id,
          }));
        }
        await tx.record(moves, at);
        return {
          reservation: await tx.setReservationStatus(id, "released", at),
          kinds: moves.map((move) => move.kind),
        };
      });
      if (kinds.length > 0) {
        metrics.reservations("released");
        metrics.movements(kinds);
      }
      return reservation;
    },

    async expireDue() {
      let total = 0;
      for (let batch = 0; batch < sweepBatches; batch++) {
        const at = now();
        const { count, kinds } = await repository.transaction(async (tx) => {
          const due = await tx.lockExpired(at, sweepBatch);
          const totals = new Map<string, number>();
          const moves: NewMovement[] = [];
          for (const reservation of due) {
            for (const line of reservation.lines) {
              totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
              moves.push(movement("expiry", line.sku, { onHand: 0, reserved: -line.quantity }, {
                reason: "reservation expired",
                actor: systemActor,
                reservationId: reservation.id,
              }));
            }
          }
          for (
            const { sku, quantity } of inLockOrder(
              [...totals].map(([sku, quantity]) => ({ sku, quantity })),
            )
          ) {
            const row = await tx.unreserve(sku, quantity, at);
            if (!row) {
              throw new Error(`Cannot expire reservations: ${sku} holds less than reserved`);
            }
          }
          await tx.record(moves, at);
          for (const reservation of due) {
            await tx.setReservationStatus(reservation.id, "expired", at);
          }
          return { count: due.length, kinds: moves.map((move) => move.kind) };
        });
        total += count;
        metrics.reservations("expired", count);
        metrics.movements(kinds);
        if (count < sweepBatch) break;
      }
      return total;
    },
  };
}
