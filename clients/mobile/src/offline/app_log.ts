/**
 * The app's workout log: SQLite on the device, sent through the `logSession` mutation, retried
 * when the network comes back.
 */
import { GraphqlError } from "@fitconnect/clients-shared/graphql";
import { outcomeOfFailure, type OutboxStatus } from "@fitconnect/clients-shared/offline";
import { useEffect, useState } from "react";
import { graphql } from "../api/client";
import { isOnline, onOnlineChange } from "../api/network";
import {
  MobileLogSessionDocument,
  type MobileLogSessionMutation,
} from "../graphql/operations.generated";
import { openDeviceStorage } from "./storage";
import { createWorkoutLog, type WorkoutLog } from "./workout_log";

/** A session the API stored. */
export type SavedSession = MobileLogSessionMutation["logSession"];

const savedListeners = new Set<(session: SavedSession) => void>();

/** Calls `listener` with each session the API stores. */
export function onSessionSaved(listener: (session: SavedSession) => void): () => void {
  savedListeners.add(listener);
  return () => savedListeners.delete(listener);
}

let opening: Promise<WorkoutLog> | undefined;

/** The log, opened (and its outbox started) once. */
export function workoutLog(): Promise<WorkoutLog> {
  opening ??= (async () => {
    const log = createWorkoutLog({
      storage: await openDeviceStorage(),
      isOnline,
      async send(input) {
        try {
          const { logSession } = await graphql.request(MobileLogSessionDocument, { input });
          for (const listener of savedListeners) listener(logSession);
          return { kind: "sent" };
        } catch (error) {
          if (error instanceof GraphqlError) return outcomeOfFailure(error);
          throw error;
        }
      },
    });
    onOnlineChange((online) => void (online ? log.outbox.retryNow() : log.outbox.flush()));
    await log.outbox.start();
    return log;
  })();
  return opening;
}

/** The outbox's status, re-rendering on change (undefined until the log is open). */
export function useSyncStatus(): OutboxStatus | undefined {
  const [status, setStatus] = useState<OutboxStatus>();
  useEffect(() => {
    let stop = () => {};
    let live = true;
    void workoutLog().then((log) => {
      if (!live) return;
      setStatus(log.outbox.status());
      stop = log.outbox.subscribe(setStatus);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return status;
}
