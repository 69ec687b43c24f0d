/**
 * Hashes of numbers on Deno KV (`incrementFields`, `getFields`,
 * `deleteFields` of ./deno_kv.ts), so that a report of hundreds of fields is
 * one atomic commit:
 *
 * A hash is 64 entries (shards), each a JSON object of some of its fields
 * (a field always lands in the same shard). A write reads the shards it
 * touches, checks their versionstamps and sets them in one commit — at most
 * 64 checks, under Deno KV's 100 — and starts over when another writer got
 * there first. A shard holds at most 64 KiB (Deno KV's value limit): some
 * 30,000 fields of metric series per hash.
 *
 * @module
 */
import { checkFieldDeltas, checkTtl, type KeyValueStore } from "./port.ts";

const shards = 64;

/** The hash operations over `kv`, under `root`; `once` reads and writes a call's once-key. */
export function denoKvHash(
  kv: Deno.Kv,
  root: readonly string[],
  once: {
    key(key: string): Deno.KvKey;
    isLive(entry: Deno.KvEntryMaybe<unknown>): boolean;
    stored(ttlMs: number): [unknown, { expireIn?: number }];
  },
): Pick<KeyValueStore, "incrementFields" | "getFields" | "deleteFields"> {
  const shardKey = (key: string, shard: number): Deno.KvKey => [...root, key, shard];

  /** The touched shards of `key` with their entries, read in batches of 10 (getMany's limit). */
  async function readShards(key: string, fields: readonly string[]) {
    const touched = [...new Set(fields.map(shardOf))];
    const entries: Deno.KvEntryMaybe<Record<string, number>>[] = [];
    const batches = [];
    for (let start = 0; start < touched.length; start += 10) {
      const batch = touched.slice(start, start + 10).map((shard) => shardKey(key, shard));
      batches.push(kv.getMany<Record<string, number>[]>(batch));
    }
    for (const batch of await Promise.all(batches)) entries.push(...batch);
    return new Map(touched.map((shard, i) => [shard, entries[i]]));
  }

  /** Commits `change` to the shards of `fields`, retrying while other writers win. */
  async function update(
    key: string,
    fields: readonly string[],
    change: (values: Record<string, number>, field: string) => void,
    extra?: (operation: Deno.AtomicOperation) => Promise<boolean>,
  ): Promise<boolean> {
    while (true) {
      const current = await readShards(key, fields);
      const operation = kv.atomic();
      if (extra && !(await extra(operation))) return false;
      const next = new Map<number, Record<string, number>>();
      for (const [shard, entry] of current) {
        operation.check(entry);
        next.set(shard, { ...entry.value });
      }
      for (const field of fields) change(next.get(shardOf(field))!, field);
      for (const [shard, values] of next) {
        if (Object.keys(values).length === 0) operation.delete(shardKey(key, shard));
        else operation.set(shardKey(key, shard), values);
      }
      if ((await operation.commit()).ok) return true;
    }
  }

  return {
    async incrementFields(key, deltas, options = {}) {
      const entries = checkFieldDeltas(key, deltas);
      if (options.once) checkTtl("increment fields once", options.once.ttlMs);
      const delta = new Map(entries);
      const marker = options.once;
      return await update(
        key,
        [...delta.keys()],
        (values, field) => values[field] = (values[field] ?? 0) + delta.get(field)!,
        marker &&
          (async (operation) => {
            // Checked in the same commit: a concurrent call with this key wins or loses whole.
            const entry = await kv.get(once.key(marker.key));
            if (once.isLive(entry)) return false;
            const [value, kvOptions] = once.stored(marker.ttlMs);
            operation.check(entry).set(once.key(marker.key), value, kvOptions);
            return true;
          }),
      );
    },

    async getFields(key) {
      const fields: Record<string, number> = {};
      for await (const entry of kv.list<Record<string, number>>({ prefix: [...root, key] })) {
        Object.assign(fields, entry.value);
      }
      return fields;
    },

    async deleteFields(key, fields) {
      if (fields.length > 0) await update(key, fields, (values, field) => delete values[field]);
    },
  };
}

/** The shard of a field: FNV-1a of its text. */
function shardOf(field: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < field.length; i++) {
    hash ^= field.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}
