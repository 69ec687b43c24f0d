/**
 * An outbox store that lives in memory: for tests, and a fallback where the
 * platform has no storage (the outbox then survives only until a reload).
 *
 * @module
 */
import type { OutboxItem, OutboxStore } from "./queue.ts";

/** An in-memory store (tests, and a fallback where no storage exists). */
export function memoryOutboxStore<T>(): OutboxStore<T> & { items: Map<string, OutboxItem<T>> } {
  const items = new Map<string, OutboxItem<T>>();
  return {
    items,
    all: () => Promise.resolve([...items.values()].map((item) => structuredClone(item))),
    put: (item) => {
      items.set(item.clientId, structuredClone(item));
      return Promise.resolve();
    },
    delete: (clientId) => {
      items.delete(clientId);
      return Promise.resolve();
    },
  };
}
