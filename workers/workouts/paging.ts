/**
 * What the repositories share for keyset pagination.
 *
 * @module
 */
import { type Column, type SQL, sql } from "drizzle-orm";

/** A page of rows, and whether more follow. */
export interface RowPage<T> {
  items: T[];
  more: boolean;
}

/**
 * A timestamp column as Postgres holds it (microseconds, UTC), for cursors:
 * a JavaScript Date would truncate it to milliseconds and a page could then
 * repeat or skip rows sharing that millisecond.
 */
export function cursorTimeOf(column: Column): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
