import { Redis } from "@upstash/redis";
import { checkFieldDeltas, checkTtl, type KeyValueStore } from "./port.ts";

/**
 * Values are stored as the JSON text `{"v": value}`. @upstash/redis parses replies as JSON by
 * default (turning the string "123" into the number 123) unless created with
 * `automaticDeserialization: false`; an object envelope reads back the same either way, so the
 * store is correct whatever client it is given.
 */
function encode(value: unknown): string {
  return JSON.stringify({ v: value });
}

function decode<T>(raw: unknown): T | null {
  if (raw === null || raw === undefined) return null;
  const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
  // Counters written by increment() are bare integers.
  if (typeof parsed === "number") return parsed as T;
  if (typeof parsed === "object" && parsed !== null && "v" in parsed) return parsed.v as T;
  throw new TypeError("Cannot read value: it was not written by this store");
}

function px(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}

/**
 * `incrementFields` as one script, so the once-marker and the additions are one atomic step:
 * KEYS = [hash, marker]; ARGV = [marker ttl in ms or "", marker value, field, delta, …].
 */
const incrementFieldsScript = `
if ARGV[1] ~= "" then
  if not redis.call("SET", KEYS[2], ARGV[2], "NX", "PX", ARGV[1]) then return 0 end
end
for i = 3, #ARGV, 2 do
  redis.call("HINCRBYFLOAT", KEYS[1], ARGV[i], ARGV[i + 1])
end
return 1
`;

/** A key-value store on Upstash Redis (or anything speaking its REST protocol). */
export function createUpstashStore(redis: Redis, options: { prefix?: string } = {}): KeyValueStore {
  const keyOf = (key: string) => options.prefix ? `${options.prefix}:${key}` : key;

  return {
    kind: "upstash",

    async get<T>(key: string): Promise<T | null> {
      return decode<T>(await redis.get<unknown>(keyOf(key)));
    },

    async getMany<T>(keys: string[]): Promise<(T | null)[]> {
      // MGET with no key is a Redis error; nothing to read is an empty answer.
      if (keys.length === 0) return [];
      const raws = await redis.mget<unknown[]>(...keys.map(keyOf));
      return raws.map((raw) => decode<T>(raw));
    },

    async set(key, value, options = {}) {
      checkTtl("set key", options.ttlMs);
      if (options.ttlMs === undefined) await redis.set(keyOf(key), encode(value));
      else await redis.set(keyOf(key), encode(value), { px: px(options.ttlMs) });
    },

    async setIfAbsent(key, value, options = {}) {
      checkTtl("set key", options.ttlMs);
      const result = options.ttlMs === undefined
        ? await redis.set(keyOf(key), encode(value), { nx: true })
        : await redis.set(keyOf(key), encode(value), { nx: true, px: px(options.ttlMs) });
      return result === "OK";
    },

    async delete(key) {
      await redis.del(keyOf(key));
    },

    async increment(key, options) {
      checkTtl("increment key", options.ttlMs);
      const k = keyOf(key);
      // One MULTI/EXEC: only the SET NX that opens a window sets the expiry, so later
      // increments cannot push it back and concurrent isolates share one window.
      const [, value, pttl] = await redis.multi()
        .set(k, 0, { nx: true, px: px(options.ttlMs) })
        .incrby(k, options.by ?? 1)
        .pttl(k)
        .exec<[unknown, number, number]>();
      if (pttl >= 0) return { value, expiresInMs: pttl };
      // -1: a number was set() without expiry; give the counter a window or it never resets.
      await redis.pexpire(k, px(options.ttlMs), "NX");
      return { value, expiresInMs: options.ttlMs };
    },

    async incrementFields(key, deltas, options = {}) {
      const entries = checkFieldDeltas(key, deltas);
      const { once } = options;
      if (once) checkTtl("increment fields once", once.ttlMs);
      const keys = once ? [keyOf(key), keyOf(once.key)] : [keyOf(key)];
      const args = [once ? String(px(once.ttlMs)) : "", encode(true)];
      for (const [field, delta] of entries) args.push(field, String(delta));
      return await redis.eval<string[], number>(incrementFieldsScript, keys, args) === 1;
    },

    async getFields(key) {
      const raw = await redis.hgetall<Record<string, unknown>>(keyOf(key));
      return Object.fromEntries(
        Object.entries(raw ?? {}).map(([field, value]) => [field, Number(value)]),
      );
    },

    async deleteFields(key, fields) {
      if (fields.length > 0) await redis.hdel(keyOf(key), ...fields);
    },

    async ping() {
      await redis.ping();
    },

    close() {
      // Stateless HTTP: nothing to release.
      return Promise.resolve();
    },
  };
}

/** Opens an Upstash store from the REST URL and token (production, or the dev bridge). */
export function openUpstashStore(
  options: { url: string; token: string; prefix?: string },
): Promise<KeyValueStore> {
  const redis = new Redis({ url: options.url, token: options.token, enableTelemetry: false });
  return Promise.resolve(createUpstashStore(redis, { prefix: options.prefix }));
}
