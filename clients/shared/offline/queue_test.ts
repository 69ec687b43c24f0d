import assert from "node:assert/strict";
import {
  backoffDelay,
  createOutbox,
  type OutboxItem,
  type OutboxTimers,
  outcomeOfFailure,
  type SendOutcome,
} from "./queue.ts";
import { memoryOutboxStore } from "./memory_store.ts";

interface Workout {
  name: string;
}

/** A clock that only moves when the test says so. */
function fakeTimers() {
  let now = 1_000_000;
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: OutboxTimers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  return {
    timers,
    pending,
    /** Moves the clock and runs the timers that came due. */
    async advance(ms: number) {
      now += ms;
      for (const [id, entry] of [...pending]) {
        if (entry.at <= now) {
          pending.delete(id);
          entry.callback();
        }
      }
      await settle();
    },
  };
}

/** Lets pending promise chains finish. */
async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The API's behaviour: one session per clientId; `network` decides whether answers arrive. */
function fakeServer() {
  const stored = new Map<string, Workout>();
  const server = {
    stored,
    calls: [] as string[],
    /** "up", "down" (request never arrives) or "lost" (stored, answer lost). */
    network: "up" as "up" | "down" | "lost",
    refuse: new Set<string>(),
    send(item: OutboxItem<Workout>): Promise<SendOutcome> {
      server.calls.push(item.clientId);
      if (server.network === "down") {
        return Promise.resolve(
          outcomeOfFailure({ status: 0, code: "NETWORK", message: "offline" }),
        );
      }
      if (server.refuse.has(item.payload.name)) {
        return Promise.resolve(
          outcomeOfFailure({ status: 422, code: "VALIDATION_FAILED", message: "bad reps" }),
        );
      }
      if (!stored.has(item.clientId)) stored.set(item.clientId, item.payload);
      if (server.network === "lost") return Promise.reject(new TypeError("connection reset"));
      return Promise.resolve({ kind: "sent" });
    },
  };
  return server;
}

function setup(online = { value: true }) {
  const clock = fakeTimers();
  const store = memoryOutboxStore<Workout>();
  const server = fakeServer();
  let ids = 0;
  const outbox = createOutbox<Workout>({
    store,
    send: (item) => server.send(item),
    isOnline: () => online.value,
    timers: clock.timers,
    random: () => 0.5,
    newClientId: () => `c${++ids}`,
  });
  return { clock, store, server, outbox, online };
}

Deno.test("outbox: offline, sessions wait on the device with their clientId", async () => {
  const online = { value: false };
  const { outbox, store, server } = setup(online);
  await outbox.start();
  await outbox.enqueue({ name: "legs" });
  await outbox.enqueue({ name: "push" }, "phone-7");
  await settle();
  assert.equal(server.calls.length, 0);
  assert.deepEqual([...store.items.keys()].sort(), ["c1", "phone-7"]);
  const status = outbox.status();
  assert.equal(status.waiting, 2);
  assert.equal(status.online, false);

  online.value = true;
  await outbox.retryNow();
  assert.deepEqual(server.calls, ["c1", "phone-7"]);
  assert.equal(store.items.size, 0);
  assert.equal(outbox.status().waiting, 0);
  assert.deepEqual([...server.stored.keys()], ["c1", "phone-7"]);
});

Deno.test("outbox: a transient failure backs off exponentially and keeps the order", async () => {
  const { outbox, server, clock } = setup();
  server.network = "down";
  await outbox.start();
  await outbox.enqueue({ name: "a" });
  await outbox.enqueue({ name: "b" });
  await settle();
  // The first attempt failed; "b" was not tried after it (it would fail too).
  assert.deepEqual(server.calls, ["c1"]);
  const first = outbox.status().items[0];
  assert.equal(first.attempts, 1);
  assert.equal(first.nextAttemptAt - clock.timers.now(), backoffDelay(1, () => 0.5));

  await clock.advance(backoffDelay(1, () => 0.5));
  assert.deepEqual(server.calls, ["c1", "c1"]);
  await clock.advance(backoffDelay(2, () => 0.5) - 1);
  assert.equal(server.calls.length, 2, "not before the second delay");
  await clock.advance(1);
  assert.equal(server.calls.length, 3);

  server.network = "up";
  await clock.advance(backoffDelay(3, () => 0.5));
  assert.deepEqual(server.calls.slice(3), ["c1", "c2"]);
  assert.equal(outbox.status().waiting, 0);
  assert.equal(clock.pending.size, 0, "no timer left");
});

Deno.test("outbox: backoff doubles with jitter up to its cap, Retry-After is honoured", async () => {
  assert.equal(backoffDelay(1, () => 0), 500);
  assert.equal(backoffDelay(1, () => 0.999999), 1_000);
  assert.equal(backoffDelay(4, () => 0.999999), 8_000);
  assert.equal(backoffDelay(30, () => 0.999999), 300_000);

  const clock = fakeTimers();
  let calls = 0;
  const outbox = createOutbox<Workout>({
    store: memoryOutboxStore(),
    send: () => {
      calls++;
      return Promise.resolve(
        outcomeOfFailure({ status: 429, code: "RATE_LIMITED", message: "", retryAfterSeconds: 60 }),
      );
    },
    timers: clock.timers,
    random: () => 0.5,
  });
  await outbox.start();
  await outbox.enqueue({ name: "x" });
  await settle();
  await clock.advance(59_999);
  assert.equal(calls, 1);
  await clock.advance(1);
  assert.equal(calls, 2);
});

Deno.test("outbox: an answer lost after the server stored it is resent, stored once", async () => {
  const { outbox, server, clock } = setup();
  server.network = "lost";
  await outbox.start();
  await outbox.enqueue({ name: "deadlift" });
  await settle();
  assert.equal(server.stored.size, 1);
  assert.equal(outbox.status().waiting, 1);
  server.network = "up";
  await clock.advance(60_000);
  assert.deepEqual(server.calls, ["c1", "c1"]);
  assert.equal(server.stored.size, 1, "the same clientId twice is one session");
  assert.equal(outbox.status().waiting, 0);
});

Deno.test("outbox: one sender at a time, each session sent once when all goes well", async () => {
  const online = { value: true };
  const { outbox, server } = setup(online);
  let inFlight = 0;
  let maxInFlight = 0;
  const send = server.send;
  server.send = async (item) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    return await send(item);
  };
  online.value = false;
  await outbox.start();
  for (const name of ["a", "b", "c"]) await outbox.enqueue({ name });
  online.value = true;
  await Promise.all([outbox.retryNow(), outbox.flush(), outbox.flush(), outbox.retryNow()]);
  await settle();
  assert.equal(maxInFlight, 1);
  assert.deepEqual(server.calls, ["c1", "c2", "c3"]);
});

Deno.test("outbox: killed mid-sync, a new outbox over the same store resends the same clientId", async () => {
  const clock = fakeTimers();
  const store = memoryOutboxStore<Workout>();
  const server = fakeServer();
  const first = createOutbox<Workout>({
    store,
    // The tab closes while the request is in flight: it never settles.
    send: (item) => {
      void server.send(item);
      return new Promise(() => {});
    },
    timers: clock.timers,
    newClientId: () => "kept",
  });
  await first.start();
  await first.enqueue({ name: "squat" });
  await settle();
  assert.equal(server.stored.size, 1);
  assert.equal(store.items.size, 1, "not removed without an answer");

  const second = createOutbox<Workout>({
    store,
    send: (item) => server.send(item),
    timers: clock.timers,
  });
  await second.start();
  assert.deepEqual(server.calls, ["kept", "kept"]);
  assert.equal(server.stored.size, 1);
  assert.equal(store.items.size, 0);
});

Deno.test("outbox: a refused session is kept as failed, never retried by itself, not dropped", async () => {
  const { outbox, server, clock, store } = setup();
  server.refuse.add("bad");
  await outbox.start();
  await outbox.enqueue({ name: "bad" });
  await outbox.enqueue({ name: "good" });
  await settle();
  const status = outbox.status();
  assert.equal(status.failed, 1);
  assert.equal(status.waiting, 0);
  assert.equal(status.items[0].lastError?.code, "VALIDATION_FAILED");
  assert.equal(store.items.size, 1);
  assert.deepEqual([...server.stored.values()], [{ name: "good" }]);

  await clock.advance(3_600_000);
  assert.equal(server.calls.filter((id) => id === "c1").length, 1, "no automatic retry");

  server.refuse.clear();
  await outbox.retryFailed("c1");
  assert.equal(outbox.status().failed, 0);
  assert.equal(server.stored.size, 2);

  // Discarding is the member's choice, and the only way a refused session leaves.
  server.refuse.add("typo");
  await outbox.enqueue({ name: "typo" }, "c9");
  await settle();
  assert.equal(outbox.status().failed, 1);
  await outbox.discard("c9");
  assert.equal(outbox.status().failed, 0);
  assert.equal(store.items.size, 0);
});

Deno.test("outbox: enqueuing a clientId twice keeps one item; subscribers see each change", async () => {
  const { outbox } = setup({ value: false });
  await outbox.start();
  const seen: number[] = [];
  const unsubscribe = outbox.subscribe((status) => seen.push(status.waiting));
  await outbox.enqueue({ name: "a" }, "same");
  await outbox.enqueue({ name: "a again" }, "same");
  assert.equal(outbox.status().waiting, 1);
  assert.deepEqual(outbox.status().items[0].payload, { name: "a" });
  unsubscribe();
  await outbox.discard("same");
  assert.equal(outbox.status().waiting, 0);
  assert.ok(seen.includes(1));
});

Deno.test("outbox: failures classify as retry (network, 5xx, 408, 429, 401) or rejected", () => {
  for (const status of [0, 401, 408, 429, 500, 503]) {
    assert.equal(outcomeOfFailure({ status, code: "X", message: "" }).kind, "retry", `${status}`);
  }
  for (const status of [400, 403, 404, 409, 422]) {
    assert.equal(
      outcomeOfFailure({ status, code: "X", message: "" }).kind,
      "rejected",
      `${status}`,
    );
  }
});

Deno.test("outbox: sessions logged in the same millisecond keep their order", async () => {
  const online = { value: false };
  const { outbox, server } = setup(online);
  await outbox.start();
  // The clock does not move, and the clientIds sort the other way round.
  for (const id of ["z-first", "m-second", "a-third"]) await outbox.enqueue({ name: id }, id);
  online.value = true;
  await outbox.retryNow();
  assert.deepEqual(server.calls, ["z-first", "m-second", "a-third"]);
});
