import assert from "node:assert/strict";
import { createPasswordHasher, needsRehash, owaspMinimum, parsePhc } from "./mod.ts";

const weaker = { ...owaspMinimum, memoryKiB: 8192, iterations: 1 };

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

// Deno names each Web Worker's OS thread "worker-<n>"; elsewhere than Linux, null.
function liveWorkerThreads(): number | null {
  if (Deno.build.os !== "linux") return null;
  let count = 0;
  for (const task of Deno.readDirSync("/proc/self/task")) {
    try {
      if (Deno.readTextFileSync(`/proc/self/task/${task.name}/comm`).startsWith("worker-")) count++;
    } catch {
      // The thread ended while being listed.
    }
  }
  return count;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

Deno.test("[auth] passwords: params", async (t) => {
  await t.step("parsePhc reads what owaspMinimum produces", () => {
    const phc = "$argon2id$v=19$m=19456,t=2,p=1$" + "A".repeat(22) + "$" + "B".repeat(43);
    assert.deepEqual(parsePhc(phc), owaspMinimum);
  });

  await t.step("parsePhc returns null for anything but Argon2id v1.3", () => {
    const salt = "A".repeat(22);
    const hash = "B".repeat(43);
    for (
      const phc of [
        "",
        "not a hash",
        `$argon2i$v=19$m=19456,t=2,p=1$${salt}$${hash}`,
        `$argon2id$v=16$m=19456,t=2,p=1$${salt}$${hash}`,
        `$argon2id$v=19$m=019456,t=2,p=1$${salt}$${hash}`,
        `$argon2id$v=19$t=2,m=19456,p=1$${salt}$${hash}`,
        `$argon2id$v=19$m=19456,t=0,p=1$${salt}$${hash}`,
        `$argon2id$v=19$m=19456,t=2,p=1$${salt}==$${hash}`,
        `$argon2id$v=19$m=19456,t=2,p=1$AAAA$${hash}`,
        `$argon2id$v=19$m=19456,t=2,p=1$${salt}`,
        `$argon2id$v=19$m=19456,t=2,p=1$${salt}$${hash}\n`,
      ]
    ) {
      assert.equal(parsePhc(phc), null, phc);
    }
  });

  await t.step("needsRehash is true for unreadable hashes", () => {
    assert.equal(needsRehash("$2b$10$bcrypt", owaspMinimum), true);
  });
});

Deno.test("[auth] passwords: inline hasher", async (t) => {
  const hasher = createPasswordHasher({ workers: 0 });
  try {
    const phc = await hasher.hash("correct horse battery staple");

    await t.step("hash is a PHC string with m=19456,t=2,p=1", () => {
      assert.match(
        phc,
        /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
      );
      assert.deepEqual(parsePhc(phc), owaspMinimum);
      assert.deepEqual(hasher.params, owaspMinimum);
    });

    await t.step("verify accepts the right password and refuses a wrong one", async () => {
      assert.equal(await hasher.verify("correct horse battery staple", phc), true);
      assert.equal(await hasher.verify("correct horse battery stapler", phc), false);
      assert.equal(await hasher.verify("", phc), false);
    });

    await t.step("two hashes of one password differ by their salt", async () => {
      const again = await hasher.hash("correct horse battery staple");
      assert.notEqual(again, phc);
      assert.equal(await hasher.verify("correct horse battery staple", again), true);
    });

    await t.step("verify of a malformed hash returns false", async () => {
      const tampered = phc.replace("m=19456", "m=4");
      for (const bad of ["", "garbage", "$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAA", tampered]) {
        assert.equal(await hasher.verify("correct horse battery staple", bad), false, bad);
      }
    });

    await t.step("NFC and NFD spellings of a password are the same password", async () => {
      const nfc = "Caf\u00e9 \u00c5ngstr\u00f6m";
      const nfd = nfc.normalize("NFD");
      assert.notEqual(nfc, nfd);
      assert.equal(await hasher.verify(nfd, await hasher.hash(nfc)), true);
      assert.equal(await hasher.verify(nfc, await hasher.hash(nfd)), true);
      // NFC, not NFKC: the ligature stays distinct from the letters.
      assert.equal(await hasher.verify("\ufb01", await hasher.hash("fi")), false);
    });

    await t.step("needsRehash is false for current params, true for weaker ones", async () => {
      assert.equal(needsRehash(phc, owaspMinimum), false);
      const weak = createPasswordHasher({ params: weaker, workers: 0 });
      const old = await weak.hash("correct horse battery staple");
      weak.close();
      assert.match(old, /\$m=8192,t=1,p=1\$/);
      assert.deepEqual(parsePhc(old), weaker);
      assert.equal(needsRehash(old, owaspMinimum), true);
      assert.equal(needsRehash(phc, { ...owaspMinimum, hashLength: 64 }), true);
      // An old hash still verifies, so the login can upgrade it.
      assert.equal(await hasher.verify("correct horse battery staple", old), true);
    });

    await t.step("verifyDummy returns false and costs about as much as a verify", async () => {
      const real: number[] = [];
      const dummy: number[] = [];
      for (let i = 0; i < 3; i++) {
        real.push(await timed(() => hasher.verify("correct horse battery staple", phc)));
        dummy.push(await timed(() => hasher.verifyDummy("correct horse battery staple")));
      }
      assert.equal(await hasher.verifyDummy(""), false);
      // Loose bound so a loaded machine does not fail it; a dummy that skips the work
      // would take well under a millisecond.
      assert.ok(median(dummy) > median(real) / 3, `dummy ${dummy} vs real ${real}`);
    });

    await t.step("refuses invalid options", () => {
      assert.throws(() => createPasswordHasher({ workers: -1 }), /workers/);
      assert.throws(() => createPasswordHasher({ params: { ...owaspMinimum, saltLength: 4 } }));
    });
  } finally {
    hasher.close();
  }
});

Deno.test("[auth] passwords: worker pool", async (t) => {
  const pooled = createPasswordHasher({ workers: 2 });
  const inline = createPasswordHasher({ workers: 0 });
  try {
    await t.step("inline and pooled hashes are interchangeable", async () => {
      const fromPool = await pooled.hash("p\u00e4ssword");
      const fromInline = await inline.hash("p\u00e4ssword");
      assert.deepEqual(parsePhc(fromPool), owaspMinimum);
      assert.equal(await inline.verify("p\u00e4ssword", fromPool), true);
      assert.equal(await pooled.verify("pa\u0308ssword", fromInline), true);
      assert.equal(await pooled.verify("password", fromInline), false);
      assert.equal(await pooled.verify("p\u00e4ssword", "garbage"), false);
      assert.equal(await pooled.verifyDummy("p\u00e4ssword"), false);
    });

    await t.step("replies are matched to their requests", async () => {
      const passwords = ["one", "two", "three", "four", "five"];
      const hashes = await Promise.all(passwords.map((p) => pooled.hash(p)));
      const checks = await Promise.all(
        hashes.flatMap((h, i) => [pooled.verify(passwords[i], h), pooled.verify("other", h)]),
      );
      assert.deepEqual(checks, passwords.flatMap(() => [true, false]));
    });

    await t.step("4 hashes run without blocking the event loop", async () => {
      let ticks = 0;
      let running = true;
      const ticker = (async () => {
        while (running) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          ticks++;
        }
      })();
      const start = performance.now();
      const hashes = await Promise.all([1, 2, 3, 4].map((i) => pooled.hash(`password ${i}`)));
      const elapsed = performance.now() - start;
      running = false;
      await ticker;
      assert.equal(new Set(hashes).size, 4);
      // Inline, the loop would tick about once per hash. In the pool the main thread is
      // idle, so even on 2 busy cores it ticks every few ms over the >= 2 hash times.
      assert.ok(ticks >= 10, `${ticks} ticks in ${elapsed.toFixed(0)} ms`);
    });

    await t.step("close() terminates every worker and later calls reject", async () => {
      // Deno's test sanitizers do not report a Web Worker left running, so count them.
      const spawned = new Set<Worker>();
      const live = new Set<Worker>();
      const RealWorker = globalThis.Worker;
      globalThis.Worker = class extends RealWorker {
        constructor(...args: ConstructorParameters<typeof Worker>) {
          super(...args);
          spawned.add(this);
          live.add(this);
        }
        override terminate() {
          live.delete(this);
          super.terminate();
        }
      };
      const threadsBefore = liveWorkerThreads();
      let hasher;
      try {
        hasher = createPasswordHasher({ workers: 2 });
      } finally {
        globalThis.Worker = RealWorker;
      }
      await hasher.hash("warm up");
      assert.equal(spawned.size, 2);
      if (threadsBefore !== null) assert.equal(liveWorkerThreads(), threadsBefore + 2);

      const inFlight = hasher.hash("closing");
      hasher.close();
      hasher.close();
      assert.equal(live.size, 0);
      await assert.rejects(inFlight, /closed/);
      await assert.rejects(hasher.hash("x"), /closed/);
      await assert.rejects(hasher.verify("x", "y"), /closed/);
      if (threadsBefore !== null) {
        // Threads end asynchronously after terminate().
        const deadline = performance.now() + 5000;
        while (liveWorkerThreads() !== threadsBefore && performance.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        assert.equal(liveWorkerThreads(), threadsBefore);
      }
    });
    await t.step(
      "a worker that hashed is replaced by a fresh one after a quiet spell",
      async () => {
        const live = new Set<Worker>();
        const RealWorker = globalThis.Worker;
        globalThis.Worker = class extends RealWorker {
          constructor(...args: ConstructorParameters<typeof Worker>) {
            super(...args);
            live.add(this);
          }
          override terminate() {
            live.delete(this);
            super.terminate();
          }
        };
        // The spy stays in place: the replacement is made later, by the pool's timer.
        const hasher = createPasswordHasher({ workers: 2, recycleAfterIdleMs: 50 });
        try {
          const first = [...live];
          const phc = await hasher.hash("worn out");
          const deadline = performance.now() + 5000;
          while (hasher.recycledWorkers === 0 && performance.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          // The one that hashed was replaced; the untouched one stays; the pool keeps its size.
          assert.equal(hasher.recycledWorkers, 1);
          assert.equal(live.size, 2);
          assert.equal(first.filter((worker) => live.has(worker)).length, 1);
          assert.equal(await hasher.verify("worn out", phc), true);
        } finally {
          hasher.close();
          globalThis.Worker = RealWorker;
        }
      },
    );
  } finally {
    pooled.close();
    inline.close();
  }
});
