/**
 * Keyset pagination for repositories: a list is read in the order of an
 * index's columns, each page starting strictly after the position where the
 * last one ended. A page then costs the same wherever it starts, and rows
 * inserted meanwhile never shift one.
 *
 * @module
 */
import { type Column, type SQL, sql } from "drizzle-orm";

/** One page of a list, and the position after which the next one starts (none on the last). */
export interface KeysetPage<T, C> {
  items: T[];
  next: C | undefined;
}

/**
 * One page of `limit` items. `query(take)` is the list's ordered query,
 * already starting after the caller's decoded cursor, limited to `take`
 * rows: it is asked for one row more than `limit`, to learn whether another
 * page follows. `read.item` makes an item of a row, and `read.position`
 * names the last row's place in the order (the next page's cursor).
 */
export async function keysetPage<Row, T, C>(
  query: (take: number) => Promise<Row[]>,
  limit: number,
  read: { item: (row: Row) => T; position: (row: Row) => C },
): Promise<KeysetPage<T, C>> {
  const rows = await query(limit + 1);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(read.item),
    next: rows.length > limit && last !== undefined ? read.position(last) : undefined,
  };
}

/**
 * A timestamp column as Postgres holds it (microseconds, UTC), for cursors:
 * a JavaScript Date would truncate it to milliseconds, and a page could then
 * repeat or skip rows sharing that millisecond.
 */
export function cursorTimeOf(column: Column): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
