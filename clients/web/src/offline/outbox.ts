/**
 * The web app's outbox of logged workouts: the shared logic over IndexedDB, sent through the
 * GraphQL `logSession` mutation with the session's `clientId`, one tab at a time (Web Locks),
 * flushed when the browser comes back online.
 *
 * @module
 */
import { useSyncExternalStore } from "react";
import {
  createOutbox,
  type Outbox,
  type OutboxStatus,
  type OutboxStore,
  outcomeOfFailure,
} from "@fitconnect/clients-shared/offline";
import { memoryOutboxStore } from "@fitconnect/clients-shared/offline/memory";
import { GraphqlError } from "@fitconnect/clients-shared/graphql";
import type { LogSessionInput } from "@fitconnect/clients-shared/graphql/schema";
import { graphql } from "../api/graphql.ts";
import { LogSessionDocument, type LogSessionMutation } from "../graphql/operations.generated.ts";
import { indexedDbOutboxStore } from "./idb_store.ts";

/** A session waiting to be sent (its `clientId` is the outbox item's). */
export type PendingSession = Omit<LogSessionInput, "clientId">;

/** A session the API stored (with the personal records it set). */
export type SavedSession = LogSessionMutation["logSession"];

const savedListeners = new Set<(session: SavedSession) => void>();

/** Calls `listener` with each session the outbox delivers (this tab's sends only). */
export function onSessionSaved(listener: (session: SavedSession) => void): () => void {
  savedListeners.add(listener);
  return () => savedListeners.delete(listener);
}

function store(): OutboxStore<PendingSession> {
  return typeof indexedDB === "undefined" ? memoryOutboxStore() : indexedDbOutboxStore();
}

/** The app's outbox. */
export const outbox: Outbox<PendingSession> = createOutbox<PendingSession>({
  store: store(),
  isOnline: () => navigator.onLine !== false,
  exclusive: (flush) =>
    navigator.locks ? navigator.locks.request("fitconnect-outbox", flush) : flush(),
  async send(item) {
    try {
      const saved = await graphql.request(LogSessionDocument, {
        input: { ...item.payload, clientId: item.clientId },
      });
      for (const listener of savedListeners) listener(saved.logSession);
      return { kind: "sent" };
    } catch (error) {
      if (error instanceof GraphqlError) return outcomeOfFailure(error);
      throw error;
    }
  },
});

let started = false;

/** Loads the outbox and sends what waits; listens for the network coming back. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  globalThis.addEventListener("online", () => void outbox.retryNow());
  globalThis.addEventListener("offline", () => void outbox.flush());
  void outbox.start();
}

let snapshot: OutboxStatus = outbox.status();
outbox.subscribe((status) => {
  snapshot = status;
});

/** The outbox's status, re-rendering on change. */
export function useOutboxStatus(): OutboxStatus {
  return useSyncExternalStore(
    (listener) => outbox.subscribe(() => listener()),
    () => snapshot,
    () => snapshot,
  );
}
