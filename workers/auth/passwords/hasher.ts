/**
 * Argon2id hashing through hash-wasm, inline or in a pool of module Web Workers.
 *
 * One hash costs ~70 ms of CPU that blocks the thread running it, so a server hashes in
 * workers; runtimes without `Worker` (Deno Deploy) hash inline.
 *
 * @module
 */
import { argon2id, argon2Verify } from "hash-wasm";
import { type Argon2Params, owaspMinimum, parsePhc } from "./params.ts";

/** Hashes and verifies passwords; see {@linkcode createPasswordHasher}. */
export interface PasswordHasher {
  /** An Argon2id PHC string of the NFC-normalised password with a fresh random salt. */
  hash(password: string): Promise<string>;
  /** Whether the password matches; false, never an error, for a malformed stored hash. */
  verify(password: string, phc: string): Promise<boolean>;
  /** spends the same time as a verify of a real hash: for unknown emails, so timing does not reveal which emails exist */
  verifyDummy(password: string): Promise<false>;
  /** Terminates the workers; later calls reject. Idempotent. */
  close(): void;
  /** Workers replaced by fresh ones after a quiet spell, to give back their hashes' memory. */
  readonly recycledWorkers: number;
  /** The parameters of new hashes; compare stored ones with `needsRehash`. */
  readonly params: Argon2Params;
}

/** Options of {@linkcode createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Cost of new hashes; defaults to {@linkcode owaspMinimum}. */
  params?: Argon2Params;
  /**
   * Size of the worker pool; 0 hashes inline on the calling thread. Defaults to one less
   * than the CPU count, at least 1 and at most 4. Ignored (inline) where `Worker` is missing.
   */
  workers?: number;
  /**
   * How long a worker that has hashed stays idle before it is replaced by a fresh one (default
   * 10 s). hash-wasm gives every Argon2id hash its own 19 MiB of WebAssembly memory, which only a
   * garbage collection frees: a worker after a burst of logins holds hundreds of MB until then.
   * Its replacement starts warm, so the next login pays nothing for it.
   */
  recycleAfterIdleMs?: number;
}

/** A job for `hash_worker.ts`. */
export type HashJob =
  | { op: "hash"; password: string; params: Argon2Params }
  | { op: "verify"; password: string; phc: string };

/** A message to `hash_worker.ts`: a job and the id its reply carries. */
export type HashRequest = HashJob & { id: number };

/** A reply from `hash_worker.ts`, matched to its request by `id`. */
export type HashReply =
  | { id: number; ok: true; value: string | boolean }
  | { id: number; ok: false; error: string };

// Passwords are normalised to NFC (as RFC 8265's OpaqueString profile does) because the
// same typed password can reach us as different code points: macOS and some keyboards
// and password managers produce decomposed "e\u0301" where others send precomposed "é".
// Argon2 hashes bytes, so without this a user could not log in from another device.
// NFC, not NFKC: compatibility folding would merge distinct characters (e.g. "ﬁ" and
// "fi") and shrink the password space.
function normalize(password: string): string {
  return password.normalize("NFC");
}

/** Hashes on the calling thread, blocking it for the whole hash. Used by the workers. */
export async function hashPasswordInline(password: string, params: Argon2Params): Promise<string> {
  return await argon2id({
    password: normalize(password),
    salt: crypto.getRandomValues(new Uint8Array(params.saltLength)),
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: params.hashLength,
    outputType: "encoded",
  });
}

/** Verifies on the calling thread; false for a malformed or non-Argon2id hash. */
export async function verifyPasswordInline(password: string, phc: string): Promise<boolean> {
  if (parsePhc(phc) === null) return false;
  try {
    return await argon2Verify({ password: normalize(password), hash: phc });
  } catch {
    return false;
  }
}

function base64NoPad(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, "");
}

// A verify costs the same whatever the salt and hash bytes are, so random bytes with the
// current parameters make a dummy that no password matches (2^-256 for 32 bytes) without
// spending a hash at start-up.
function dummyPhc(params: Argon2Params): string {
  const salt = crypto.getRandomValues(new Uint8Array(params.saltLength));
  const hash = crypto.getRandomValues(new Uint8Array(params.hashLength));
  return `$argon2id$v=19$m=${params.memoryKiB},t=${params.iterations},p=${params.parallelism}` +
    `$${base64NoPad(salt)}$${base64NoPad(hash)}`;
}

function defaultWorkers(): number {
  const cpus = globalThis.navigator?.hardwareConcurrency ?? 1;
  return Math.min(4, Math.max(1, cpus - 1));
}

interface Pending {
  resolve(value: string | boolean): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  pending: Map<number, Pending>;
  /** The worker has hashed since it started: it holds memory a fresh one would not. */
  worn: boolean;
  idle?: ReturnType<typeof setTimeout>;
}

interface Pool {
  run(job: HashJob): Promise<string | boolean>;
  close(): void;
  readonly recycled: number;
}

function createPool(size: number, recycleAfterIdleMs: number): Pool {
  let nextId = 0;
  let closed = false;
  let recycled = 0;
  const slots: Slot[] = Array.from(
    { length: size },
    () => ({ worker: null, pending: new Map(), worn: false }),
  );

  /** After a quiet spell, a worn worker makes way for a fresh one (see `recycleAfterIdleMs`). */
  function recycleWhenIdle(slot: Slot): void {
    clearTimeout(slot.idle);
    const idle = setTimeout(() => {
      if (closed || slot.pending.size > 0 || !slot.worn) return;
      slot.worker?.terminate();
      slot.worker = spawn(slot);
      slot.worn = false;
      recycled++;
    }, recycleAfterIdleMs);
    // A pending recycle never keeps the process alive.
    Deno.unrefTimer(idle);
    slot.idle = idle;
  }

  function fail(slot: Slot, error: Error): void {
    clearTimeout(slot.idle);
    slot.worker?.terminate();
    slot.worker = null;
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  }

  function spawn(slot: Slot): Worker {
    const worker = new Worker(new URL("./hash_worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<HashReply>) => {
      const reply = event.data;
      const pending = slot.pending.get(reply.id);
      if (pending === undefined) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) recycleWhenIdle(slot);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(`Cannot hash password: ${reply.error}`));
    };
    // A worker that dies (script failed to load, out of memory) fails its own requests
    // only; the slot starts a fresh worker on its next request.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fail(slot, new Error(`Cannot hash password: worker failed: ${event.message}`));
    };
    return worker;
  }

  // Workers start with the pool, so the first logins do not also pay for loading the
  // worker and compiling the WASM.
  for (const slot of slots) slot.worker = spawn(slot);

  function run(job: HashJob): Promise<string | boolean> {
    if (closed) return Promise.reject(new Error("Cannot hash password: the hasher is closed"));
    // Least busy: a slow request does not hold up the ones queued behind it elsewhere.
    const slot = slots.reduce((best, s) => s.pending.size < best.pending.size ? s : best);
    const worker = slot.worker ?? spawn(slot);
    slot.worker = worker;
    slot.worn = true;
    clearTimeout(slot.idle);
    const request: HashRequest = { ...job, id: nextId++ };
    return new Promise((resolve, reject) => {
      slot.pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  return {
    run,
    get recycled() {
      return recycled;
    },
    close() {
      closed = true;
      for (const slot of slots) fail(slot, new Error("Cannot hash password: the hasher is closed"));
    },
  };
}

/**
 * Creates an Argon2id password hasher. With `workers > 0` and a `Worker` global, hashes
 * run in a pool of module Web Workers so the event loop keeps serving other requests;
 * otherwise they run inline. Call `close()` to terminate the workers.
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const params: Argon2Params = Object.freeze({ ...(options.params ?? owaspMinimum) });
  const dummy = dummyPhc(params);
  if (parsePhc(dummy) === null) {
    throw new Error(
      `Cannot create password hasher: invalid Argon2 params ${JSON.stringify(params)}`,
    );
  }
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 0) {
    throw new Error(
      `Cannot create password hasher: workers must be an integer >= 0, got ${workers}`,
    );
  }
  const pool = workers > 0 && typeof Worker === "function"
    ? createPool(workers, options.recycleAfterIdleMs ?? 10_000)
    : null;
  let closed = false;

  async function verify(password: string, phc: string): Promise<boolean> {
    if (closed) throw new Error("Cannot verify password: the hasher is closed");
    if (pool === null) return await verifyPasswordInline(password, phc);
    return (await pool.run({ op: "verify", password, phc })) === true;
  }

  return {
    params,
    async hash(password) {
      if (closed) throw new Error("Cannot hash password: the hasher is closed");
      if (pool === null) return await hashPasswordInline(password, params);
      return String(await pool.run({ op: "hash", password, params }));
    },
    verify,
    async verifyDummy(password) {
      await verify(password, dummy);
      return false;
    },
    close() {
      closed = true;
      pool?.close();
    },
    get recycledWorkers() {
      return pool?.recycled ?? 0;
    },
  };
}
