/**
 * Raw reads: the rows of a hand-written `sql` query, for aggregates that
 * drizzle's builder would only obscure.
 *
 * @module
 */
import type { SQL } from "drizzle-orm";
import type { Database } from "./port.ts";

/**
 * The rows of `query`, typed as `Row`. As with drizzle's `sql<T>`, the
 * query's column list is what makes the type true: name each column with
 * `as "field"` and cast it in SQL (`::int`, `::float8`) to the field's type.
 */
export async function selectRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const { rows } = await db.execute(query);
  return rows as Row[];
}
