/**
 * A checkout's reservation, and its sale, in one statement each (one round
 * trip to a database far away): the stock, the ledger rows and the
 * reservation, all or nothing. Anything but the plain case gives up with
 * nothing changed, and the transaction of ./repository.ts does the work
 * instead, saying why.
 *
 * @module
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { sqlState } from "../../shared/stores/postgres/sql_state.ts";
import { items, reservations, stockMovements } from "./tables.ts";

/** What {@linkcode reserveAtOnce} reserves. */
export interface AtOnceReservation {
  id: string;
  /** One line per SKU, in the order the reservation lists them. */
  lines: readonly { sku: string; quantity: number }[];
  expiresAt: Date;
  at: Date;
  actor: string;
}

/**
 * How the one-statement reservation gives up: a not-null column left null
 * (23502, the reservation's status when a line is missing, refused or would
 * cross its threshold), the stock check `reserved <= on_hand` (23514), or the
 * id taken meanwhile (23505). Postgres then undoes the whole statement.
 */
const givesUp = new Set(["23502", "23514", "23505"]);

/**
 * Reserves every line, or answers undefined with nothing changed (a line
 * unknown, not for sale or short, mixed currencies, the id taken, or a line
 * crossing its low-stock threshold).
 */
export async function reserveAtOnce(
  db: Database,
  { id, lines, expiresAt, at, actor }: AtOnceReservation,
): Promise<typeof reservations.$inferSelect | undefined> {
  const wanted = sql.join(
    lines.map((line, position) =>
      sql`(${line.sku}::text, ${line.quantity}::int, ${position}::int)`
    ),
    sql`, `,
  );
  try {
    // Rows locked in SKU order, as every transaction of the worker locks them (no deadlock);
    // the stock is taken without a condition: the CHECK reserved <= on_hand refuses a shortage.
    const { rows } = await db.execute<{ currency: string; lines: string }>(sql`
      with wanted (sku, quantity, position) as (values ${wanted}),
      locked as materialized (
        select sku from ${items}
        where sku in (select sku from wanted)
          and not exists (select 1 from ${reservations} where id = ${id})
        order by sku
        for update
      ),
      taken as (
        update ${items} as item
        set reserved = item.reserved + wanted.quantity, updated_at = ${at},
          version = item.version + 1
        from wanted
        where item.sku = wanted.sku and item.sku in (select sku from locked)
          and item.type = 'product' and item.status = 'in_service'
        returning item.sku, item.name, item.price_cents, item.currency, wanted.quantity,
          wanted.position,
          item.on_hand - item.reserved <= item.low_stock_threshold
            and item.on_hand - item.reserved + wanted.quantity > item.low_stock_threshold
            as crosses
      ),
      reservation as (
        insert into ${reservations}
          (id, status, currency, lines, expires_at, created_at, updated_at)
        select ${id},
          case when count(*) = ${lines.length} and count(distinct currency) = 1
            and not bool_or(crosses) then 'active' end,
          min(currency),
          jsonb_agg(jsonb_build_object('sku', sku, 'name', name, 'quantity', quantity,
            'unitPriceCents', price_cents, 'currency', currency) order by position),
          ${expiresAt}, ${at}, ${at}
        from taken
        returning currency, lines::text as lines
      ),
      ledger as (
        insert into ${stockMovements}
          (sku, kind, delta_on_hand, delta_reserved, reason, actor, reservation_id, created_at)
        select sku, 'reservation', 0, quantity, 'reserved for checkout', ${actor}, ${id}, ${at}
        from taken order by position
      )
      select currency, lines from reservation`);
    const [row] = rows;
    return {
      id,
      status: "active",
      currency: row.currency,
      lines: JSON.parse(row.lines),
      expiresAt,
      createdAt: at,
      updatedAt: at,
    };
  } catch (error) {
    if (givesUp.has(sqlState(error) ?? "")) return undefined;
    throw error;
  }
}

/** A reservation as stored. */
type ReservationRow = typeof reservations.$inferSelect;

/**
 * Sells an active reservation's stock: the reservation `committed`, each
 * line's units leave on hand and reserved, one `sale` movement per line.
 * Undefined, with nothing changed, when the reservation is not active
 * (sold already, released, lapsed, unknown) or holds less than it says.
 */
export async function commitAtOnce(
  db: Database,
  { id, at, actor }: { id: string; at: Date; actor: string },
): Promise<ReservationRow | undefined> {
  try {
    // The reservation is locked first and its items in SKU order, as the transaction does.
    const { rows } = await db.execute<{
      currency: string;
      lines: string;
      expires_ms: number;
      created_ms: number;
    }>(sql`
      with sold_reservation as (
        update ${reservations} set status = 'committed', updated_at = ${at}
        where id = ${id} and status = 'active'
        returning currency, lines,
          (extract(epoch from expires_at) * 1000)::float8 as expires_ms,
          (extract(epoch from created_at) * 1000)::float8 as created_ms
      ),
      wanted as (
        select line.sku, line.quantity
        from sold_reservation, jsonb_to_recordset(sold_reservation.lines)
          as line(sku text, quantity int)
      ),
      locked as materialized (
        select sku from ${items} where sku in (select sku from wanted) order by sku for update
      ),
      sold as (
        update ${items} as item
        set on_hand = item.on_hand - wanted.quantity, reserved = item.reserved - wanted.quantity,
          updated_at = ${at}, version = item.version + 1
        from wanted
        where item.sku = wanted.sku and item.sku in (select sku from locked)
        returning item.sku, wanted.quantity
      ),
      ledger as (
        insert into ${stockMovements}
          (sku, kind, delta_on_hand, delta_reserved, reason, actor, reservation_id, created_at)
        select sku, 'sale', -quantity, -quantity, 'sold', ${actor}, ${id}, ${at}
        from sold order by sku
      )
      select currency, lines::text as lines, expires_ms, created_ms from sold_reservation`);
    const [row] = rows;
    if (!row) return undefined;
    return {
      id,
      status: "committed",
      currency: row.currency,
      lines: JSON.parse(row.lines),
      expiresAt: new Date(Number(row.expires_ms)),
      createdAt: new Date(Number(row.created_ms)),
      updatedAt: at,
    };
  } catch (error) {
    // `reserved >= 0` refused: it holds less than it says, which the transaction reports.
    if (sqlState(error) === "23514") return undefined;
    throw error;
  }
}
