/**
 * The raw Argon2id rate of one thread: hashes in a loop, inline, with the auth worker's
 * parameters. Login throughput is compared against it, since every login costs a hash.
 *
 * ```sh
 * deno run -A tools/bench/argon2_rate.ts 5
 * ```
 *
 * @module
 */
import { createPasswordHasher } from "../../workers/auth/mod.ts";

/** What {@linkcode measureRawHashRate} measured. */
export interface RawHashRate {
  hashesPerSecond: number;
  msPerHash: number;
}

/**
 * Hashes for about `seconds` on the calling thread, after one untimed hash that compiles
 * the WASM, and returns the rate. Blocks the event loop while it runs.
 */
export async function measureRawHashRate(seconds: number): Promise<RawHashRate> {
  if (!(seconds > 0)) {
    throw new Error(`Cannot measure hash rate: seconds must be > 0, got ${seconds}`);
  }
  const hasher = createPasswordHasher({ workers: 0 });
  try {
    await hasher.hash("warm up");
    let hashes = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      await hasher.hash(`password ${hashes}`);
      hashes++;
      elapsed = performance.now() - start;
    } while (elapsed < seconds * 1000);
    return { hashesPerSecond: (hashes * 1000) / elapsed, msPerHash: elapsed / hashes };
  } finally {
    hasher.close();
  }
}

if (import.meta.main) {
  const rate = await measureRawHashRate(Number(Deno.args[0] ?? 3));
  console.log(
    `argon2id inline: ${rate.msPerHash.toFixed(1)} ms/hash, ${
      rate.hashesPerSecond.toFixed(1)
    } hashes/s`,
  );
}
