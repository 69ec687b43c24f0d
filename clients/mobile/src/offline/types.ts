/** What the device keeps: the workout in progress, set by set, and the outbox. */
import type { OutboxStore } from "@fitconnect/clients-shared/offline";
import type { LogSessionInput } from "@fitconnect/clients-shared/graphql/schema";

/** A finished session waiting to be sent (its `clientId` is the outbox item's). */
export type PendingSession = Omit<LogSessionInput, "clientId">;

/** One set as the member entered it. */
export interface DraftSet {
  id: number;
  exerciseId: string;
  exerciseName: string;
  reps: number;
  weightKg: number;
}

/** The workout in progress. */
export interface Draft {
  /** Chosen when the workout starts: a finish repeated after a crash sends the same one. */
  clientId: string;
  workoutId?: string;
  name: string;
  startedAt: string;
  /** The plan's exercises to pick from (quick start: the catalogue's). */
  exercises: { id: string; name: string }[];
  sets: DraftSet[];
}

/** The workout in progress, saved on every change. */
export interface DraftStore {
  load(): Promise<Draft | undefined>;
  start(draft: Omit<Draft, "sets">): Promise<void>;
  addSet(set: Omit<DraftSet, "id">): Promise<DraftSet>;
  removeSet(id: number): Promise<void>;
  clear(): Promise<void>;
}

/** The device's storage. */
export interface DeviceStorage {
  outbox: OutboxStore<PendingSession>;
  drafts: DraftStore;
}
