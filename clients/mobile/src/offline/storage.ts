/**
 * The device's storage in SQLite (expo-sqlite): each set is a row written as it is entered,
 * and the outbox is a table, so a killed app loses nothing.
 */
import * as SQLite from "expo-sqlite";
import type { OutboxItem } from "@fitconnect/clients-shared/offline";
import type { DeviceStorage, Draft, DraftSet, PendingSession } from "./types";

const schema = `
  CREATE TABLE IF NOT EXISTS draft (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS draft_set (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise_id TEXT NOT NULL, exercise_name TEXT NOT NULL,
    reps INTEGER NOT NULL, weight_kg REAL NOT NULL
  );
  CREATE TABLE IF NOT EXISTS outbox (client_id TEXT PRIMARY KEY, body TEXT NOT NULL);
`;

interface SetRow {
  id: number;
  exercise_id: string;
  exercise_name: string;
  reps: number;
  weight_kg: number;
}

/** Opens (and creates) the database `name`. */
export async function openDeviceStorage(name = "fitconnect.db"): Promise<DeviceStorage> {
  const db = await SQLite.openDatabaseAsync(name);
  await db.execAsync(schema);
  return {
    outbox: {
      async all() {
        const rows = await db.getAllAsync<{ body: string }>("SELECT body FROM outbox");
        return rows.map((row) => JSON.parse(row.body) as OutboxItem<PendingSession>);
      },
      async put(item) {
        await db.runAsync(
          "INSERT OR REPLACE INTO outbox (client_id, body) VALUES (?, ?)",
          item.clientId,
          JSON.stringify(item),
        );
      },
      async delete(clientId) {
        await db.runAsync("DELETE FROM outbox WHERE client_id = ?", clientId);
      },
    },
    drafts: {
      async load() {
        const head = await db.getFirstAsync<{ body: string }>("SELECT body FROM draft");
        if (!head) return undefined;
        const rows = await db.getAllAsync<SetRow>("SELECT * FROM draft_set ORDER BY id");
        const sets: DraftSet[] = rows.map((row) => ({
          id: row.id,
          exerciseId: row.exercise_id,
          exerciseName: row.exercise_name,
          reps: row.reps,
          weightKg: row.weight_kg,
        }));
        return { ...(JSON.parse(head.body) as Omit<Draft, "sets">), sets };
      },
      async start(draft) {
        await db.withTransactionAsync(async () => {
          await db.runAsync("DELETE FROM draft_set");
          await db.runAsync("INSERT OR REPLACE INTO draft (id, body) VALUES (1, ?)", JSON.stringify(draft));
        });
      },
      async addSet(set) {
        const result = await db.runAsync(
          "INSERT INTO draft_set (exercise_id, exercise_name, reps, weight_kg) VALUES (?, ?, ?, ?)",
          set.exerciseId,
          set.exerciseName,
          set.reps,
          set.weightKg,
        );
        return { ...set, id: result.lastInsertRowId };
      },
      async removeSet(id) {
        await db.runAsync("DELETE FROM draft_set WHERE id = ?", id);
      },
      async clear() {
        await db.withTransactionAsync(async () => {
          await db.runAsync("DELETE FROM draft_set");
          await db.runAsync("DELETE FROM draft");
        });
      },
    },
  };
}
