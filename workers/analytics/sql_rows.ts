/**
 * Raw SQL reads for the aggregate queries drizzle's builder would only obscure.
 *
 * @module
 */
import type { SQL } from "drizzle-orm";
import type { Database } from "../../shared/stores/postgres/port.ts";

/** The rows of `query` (both adapters answer `{ rows }`). */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = await db.execute(query) as unknown as { rows: T[] };
  return result.rows;
}

/** `date` as an RFC 3339 UTC parameter (`::timestamptz`), the same on every driver. */
export function instantParam(date: Date): string {
  return date.toISOString();
}
