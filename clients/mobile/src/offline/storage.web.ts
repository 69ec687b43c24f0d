/**
 * The web build's storage: localStorage (expo-sqlite's web build needs cross-origin isolation
 * headers that a plain static host does not send). Same shapes as ./storage.ts.
 */
import type { OutboxItem } from "@fitconnect/clients-shared/offline";
import type { DeviceStorage, Draft, PendingSession } from "./types";

function read<T>(key: string, fallback: T): T {
  try {
    const text = globalThis.localStorage?.getItem(key);
    return text ? JSON.parse(text) as T : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown) {
  if (value === undefined) globalThis.localStorage?.removeItem(key);
  else globalThis.localStorage?.setItem(key, JSON.stringify(value));
}

/** Opens the storage under `name`. */
export function openDeviceStorage(name = "fitconnect"): Promise<DeviceStorage> {
  const outboxKey = `${name}.outbox`;
  const draftKey = `${name}.draft`;
  const items = () => read<Record<string, OutboxItem<PendingSession>>>(outboxKey, {});
  const draft = () => read<Draft | undefined>(draftKey, undefined);
  return Promise.resolve({
    outbox: {
      all: () => Promise.resolve(Object.values(items())),
      put: (item) => Promise.resolve(write(outboxKey, { ...items(), [item.clientId]: item })),
      delete: (clientId) => {
        const { [clientId]: _gone, ...rest } = items();
        return Promise.resolve(write(outboxKey, rest));
      },
    },
    drafts: {
      load: () => Promise.resolve(draft()),
      start: (head) => Promise.resolve(write(draftKey, { ...head, sets: [] })),
      addSet(set) {
        const current = draft();
        const saved = { ...set, id: Math.max(0, ...(current?.sets ?? []).map((s) => s.id)) + 1 };
        if (current) write(draftKey, { ...current, sets: [...current.sets, saved] });
        return Promise.resolve(saved);
      },
      removeSet(id) {
        const current = draft();
        if (current) write(draftKey, { ...current, sets: current.sets.filter((s) => s.id !== id) });
        return Promise.resolve();
      },
      clear: () => Promise.resolve(write(draftKey, undefined)),
    },
  });
}
