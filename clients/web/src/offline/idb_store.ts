/**
 * The outbox's store on the web: one IndexedDB object store keyed by `clientId`, so a session
 * logged offline survives a reload or a closed tab.
 *
 * @module
 */
import type { OutboxItem, OutboxStore } from "@fitconnect/clients-shared/offline";

const dbName = "fitconnect";
const storeName = "outbox";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(dbName, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(storeName)) {
      req.result.createObjectStore(storeName, { keyPath: "clientId" });
    }
  };
  return request(req);
}

/** An outbox store in IndexedDB (database "fitconnect", object store "outbox"). */
export function indexedDbOutboxStore<T>(): OutboxStore<T> {
  let db: Promise<IDBDatabase> | undefined;
  const database = () => (db ??= open());
  const run = async <R>(
    mode: IDBTransactionMode,
    work: (store: IDBObjectStore) => IDBRequest<R>,
  ): Promise<R> => {
    const tx = (await database()).transaction(storeName, mode);
    const result = request(work(tx.objectStore(storeName)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return await result;
  };
  return {
    all: () => run("readonly", (store) => store.getAll() as IDBRequest<OutboxItem<T>[]>),
    put: async (item) => {
      await run("readwrite", (store) => store.put(item));
    },
    delete: async (clientId) => {
      await run("readwrite", (store) => store.delete(clientId));
    },
  };
}
