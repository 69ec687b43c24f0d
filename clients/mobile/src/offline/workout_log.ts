/**
 * Logging a workout offline-first: the draft is saved set by set (./storage.ts), and a
 * finished workout goes into the shared outbox (clients/shared/offline) with the `clientId`
 * chosen when it started, then syncs with backoff whenever the network is there.
 */
import { randomUUID } from "expo-crypto";
import {
  createOutbox,
  type Outbox,
  type OutboxOptions,
  type SendOutcome,
} from "@fitconnect/clients-shared/offline";
import type { Draft, DraftSet, DeviceStorage, PendingSession } from "./types";

/** What the workout log needs. */
export interface WorkoutLogOptions {
  storage: DeviceStorage;
  send(input: PendingSession & { clientId: string }): Promise<SendOutcome>;
  isOnline(): boolean;
  timers?: OutboxOptions<PendingSession>["timers"];
  random?: () => number;
  backoff?: OutboxOptions<PendingSession>["backoff"];
}

/** The workout in progress and the outbox behind it. */
export interface WorkoutLog {
  outbox: Outbox<PendingSession>;
  draft(): Promise<Draft | undefined>;
  start(head: Omit<Draft, "sets" | "clientId" | "startedAt">): Promise<Draft>;
  addSet(set: Omit<DraftSet, "id">): Promise<DraftSet>;
  removeSet(id: number): Promise<void>;
  /** Moves the draft into the outbox (nothing to send: just discards it). */
  finish(): Promise<string | undefined>;
  discardDraft(): Promise<void>;
}

/** The session the API gets for a draft: one entry per exercise, sets in the order entered. */
export function sessionOf(draft: Draft, endedAt: string): PendingSession {
  const entries = new Map<string, { exerciseId: string; sets: { reps: number; weightKg: number }[] }>();
  for (const set of draft.sets) {
    const entry = entries.get(set.exerciseId) ?? { exerciseId: set.exerciseId, sets: [] };
    entry.sets.push({ reps: set.reps, weightKg: set.weightKg });
    entries.set(set.exerciseId, entry);
  }
  return {
    workoutId: draft.workoutId,
    startedAt: draft.startedAt,
    endedAt,
    entries: [...entries.values()],
  };
}

/** Creates the log over `options.storage`. */
export function createWorkoutLog(options: WorkoutLogOptions): WorkoutLog {
  const { drafts } = options.storage;
  const outbox = createOutbox<PendingSession>({
    store: options.storage.outbox,
    send: (item) => options.send({ ...item.payload, clientId: item.clientId }),
    isOnline: options.isOnline,
    newClientId: randomUUID,
    timers: options.timers,
    random: options.random,
    backoff: options.backoff,
  });
  return {
    outbox,
    draft: () => drafts.load(),
    async start(head) {
      const draft = { ...head, clientId: randomUUID(), startedAt: new Date().toISOString() };
      await drafts.start(draft);
      return { ...draft, sets: [] };
    },
    addSet: (set) => drafts.addSet(set),
    removeSet: (id) => drafts.removeSet(id),
    async finish() {
      const draft = await drafts.load();
      if (!draft) return undefined;
      if (draft.sets.length) {
        // Outbox first, draft second: a crash between them resends the same clientId, which
        // the API answers with the session it already has.
        await outbox.enqueue(sessionOf(draft, new Date().toISOString()), draft.clientId);
      }
      await drafts.clear();
      return draft.clientId;
    },
    discardDraft: () => drafts.clear(),
  };
}
