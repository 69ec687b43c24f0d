/**
 * expo-sqlite's async API over real SQLite compiled to WebAssembly (sql.js), for Jest: Node has
 * no native module. Databases live per name for the whole test file, so opening the same name
 * again is what an app restart sees.
 */
import initSqlJs, { type Database, type SqlValue } from "sql.js";

const databases = new Map<string, Database>();
let engine: ReturnType<typeof initSqlJs> | undefined;

type Params = SqlValue[];

function rows<T>(db: Database, sql: string, params: Params): T[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const result: T[] = [];
    while (statement.step()) result.push(statement.getAsObject() as T);
    return result;
  } finally {
    statement.free();
  }
}

/** Forgets every database (a fresh install). */
export function deleteAllDatabases(): void {
  for (const db of databases.values()) db.close();
  databases.clear();
}

export async function openDatabaseAsync(name: string) {
  engine ??= initSqlJs();
  const SQL = await engine;
  let db = databases.get(name);
  if (!db) {
    db = new SQL.Database();
    databases.set(name, db);
  }
  const handle = db;
  return {
    execAsync: (sql: string) => Promise.resolve(void handle.exec(sql)),
    runAsync(sql: string, ...params: Params) {
      handle.run(sql, params);
      const [{ id }] = rows<{ id: number }>(handle, "SELECT last_insert_rowid() AS id", []);
      return Promise.resolve({ lastInsertRowId: id, changes: handle.getRowsModified() });
    },
    getAllAsync: <T>(sql: string, ...params: Params) => Promise.resolve(rows<T>(handle, sql, params)),
    getFirstAsync: <T>(sql: string, ...params: Params) =>
      Promise.resolve(rows<T>(handle, sql, params)[0] ?? null),
    async withTransactionAsync(task: () => Promise<void>) {
      handle.exec("BEGIN");
      try {
        await task();
        handle.exec("COMMIT");
      } catch (error) {
        handle.exec("ROLLBACK");
        throw error;
      }
    },
  };
}
