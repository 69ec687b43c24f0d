/**
 * The offline workout log over real SQLite (sql.js behind expo-sqlite's API): sets survive a
 * killed app, the outbox sends each session exactly once however the sync is interrupted,
 * backs off, keeps the order, and shows refusals. The "server" here is a stand-in that dedupes
 * by clientId as the API does; the integration suite proves it against the real platform.
 */
import type { SendOutcome } from "@fitconnect/clients-shared/offline";
import { deleteAllDatabases } from "../../test/support/expo_sqlite_node";
import { openDeviceStorage } from "./storage";
import type { PendingSession } from "./types";
import { createWorkoutLog } from "./workout_log";

type Sent = PendingSession & { clientId: string };

/** A server that stores a clientId once, and whose answers a test can lose. */
function server() {
  const stored = new Map<string, Sent>();
  const attempts: string[] = [];
  return {
    stored,
    attempts,
    accept(input: Sent): SendOutcome {
      attempts.push(input.clientId);
      if (!stored.has(input.clientId)) stored.set(input.clientId, input);
      return { kind: "sent" };
    },
  };
}

function clock() {
  let now = 1_000_000;
  const pending: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    setTimeout(run: () => void, ms: number) {
      pending.push({ at: now + ms, run, id: ++ids });
      return ids;
    },
    clearTimeout(id: unknown) {
      const index = pending.findIndex((timer) => timer.id === id);
      if (index >= 0) pending.splice(index, 1);
    },
    advance(ms: number) {
      now += ms;
      for (const timer of pending.filter((t) => t.at <= now)) {
        pending.splice(pending.indexOf(timer), 1);
        timer.run();
      }
    },
    pending,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => deleteAllDatabases());

async function openLog(send: (input: Sent) => Promise<SendOutcome>, online = () => true, timers = clock()) {
  const log = createWorkoutLog({ storage: await openDeviceStorage("test.db"), send, isOnline: online, timers, random: () => 1 });
  return { log, timers };
}

async function logWorkout(log: Awaited<ReturnType<typeof openLog>>["log"], reps: number) {
  await log.start({ name: "Push day", exercises: [{ id: "bench", name: "Bench press" }] });
  await log.addSet({ exerciseId: "bench", exerciseName: "Bench press", reps, weightKg: 80 });
  return await log.finish();
}

test("each set is on the device as soon as it is entered: a killed app loses nothing", async () => {
  const first = await openLog(() => new Promise(() => {}));
  await first.log.start({ name: "Legs", exercises: [{ id: "squat", name: "Squat" }] });
  await first.log.addSet({ exerciseId: "squat", exerciseName: "Squat", reps: 5, weightKg: 100 });
  await first.log.addSet({ exerciseId: "squat", exerciseName: "Squat", reps: 5, weightKg: 105 });
  // The app is killed here; a new process opens the same database.
  const second = await openLog(() => new Promise(() => {}));
  const draft = await second.log.draft();
  expect(draft?.sets.map((set) => set.weightKg)).toEqual([100, 105]);
  expect(draft?.name).toBe("Legs");
});

test("killed mid-sync: the next start sends the same clientId, and the server keeps one", async () => {
  const api = server();
  // The request reaches the server, but the app dies before the answer.
  const dying = await openLog(async (input) => {
    api.accept(input);
    return await new Promise<SendOutcome>(() => {});
  });
  const clientId = await logWorkout(dying.log, 8);
  await settle();
  expect(api.stored.size).toBe(1);

  const restarted = await openLog(async (input) => api.accept(input));
  await restarted.log.outbox.start();
  expect(api.attempts).toEqual([clientId, clientId]);
  expect(api.stored.size).toBe(1);
  expect(restarted.log.outbox.status().waiting).toBe(0);
});

test("a lost answer is retried with backoff, and the duplicate send creates nothing", async () => {
  const api = server();
  let loseAnswers = 2;
  const { log, timers } = await openLog(async (input) => {
    api.accept(input);
    if (loseAnswers-- > 0) throw new TypeError("Network request failed");
    return { kind: "sent" };
  });
  await logWorkout(log, 10);
  await settle();
  expect(log.outbox.status().items[0].attempts).toBe(1);
  // Backoff: 1 s after the first failure, 2 s after the second (random() = 1: no jitter).
  expect(timers.pending.map((timer) => timer.at - timers.now())).toEqual([1_000]);
  timers.advance(999);
  await settle();
  expect(api.attempts).toHaveLength(1);
  timers.advance(1);
  await settle();
  expect(timers.pending.map((timer) => timer.at - timers.now())).toEqual([2_000]);
  timers.advance(2_000);
  await settle();
  await log.outbox.flush();
  expect(api.attempts).toHaveLength(3);
  expect(api.stored.size).toBe(1);
  expect(log.outbox.status().waiting).toBe(0);
});

test("offline sessions go out in the order they were logged once the network is back", async () => {
  const api = server();
  let online = false;
  const { log } = await openLog(async (input) => api.accept(input), () => online);
  const ids = [await logWorkout(log, 1), await logWorkout(log, 2), await logWorkout(log, 3)];
  await settle();
  expect(api.attempts).toEqual([]);
  expect(log.outbox.status()).toMatchObject({ waiting: 3, online: false });
  online = true;
  await log.outbox.retryNow();
  expect(api.attempts).toEqual(ids);
  expect([...api.stored.values()].map((s) => s.entries[0].sets[0].reps)).toEqual([1, 2, 3]);
});

test("a refused session stays, marked failed with the server's message, and is not resent", async () => {
  const attempts: string[] = [];
  const { log } = await openLog(async (input) => {
    attempts.push(input.clientId);
    return { kind: "rejected", error: { code: "VALIDATION_FAILED", message: "reps must be at most 1000", status: 422 } };
  });
  await logWorkout(log, 5_000);
  await settle();
  await log.outbox.flush();
  const [item] = log.outbox.status().items;
  expect(item.state).toBe("failed");
  expect(item.lastError?.message).toBe("reps must be at most 1000");
  await log.outbox.retryNow();
  expect(attempts).toHaveLength(1);
});
