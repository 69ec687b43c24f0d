import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { openPglite } from "./pglite.ts";
import { pgliteTemplate } from "./pglite_template.ts";

Deno.test("[postgres] the PGlite template is made once per cache and reused", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "fitconnect_template_" });
  try {
    const first = await pgliteTemplate(`${cacheDir}/missing/parent`);
    assert.ok(first && first.length > 0, "a template is made when the cache has none");
    const [file] = await Array.fromAsync(Deno.readDir(`${cacheDir}/missing/parent`));
    assert.match(file.name, /^pglite-.+\.tar$/);
    const made = await Deno.stat(`${cacheDir}/missing/parent/${file.name}`);

    const second = await pgliteTemplate(`${cacheDir}/missing/parent`);
    const kept = await Deno.stat(`${cacheDir}/missing/parent/${file.name}`);
    assert.deepEqual(second, first);
    assert.equal(kept.mtime?.getTime(), made.mtime?.getTime(), "the cached template is read");
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("[postgres] a damaged template in the cache is made again", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "fitconnect_template_" });
  try {
    const whole = await pgliteTemplate(cacheDir);
    const [file] = await Array.fromAsync(Deno.readDir(cacheDir));
    const path = `${cacheDir}/${file.name}`;
    // Cut short, as by a full disk: not a whole archive any more.
    await Deno.truncate(path, 4096 + 100);
    const again = await pgliteTemplate(cacheDir);
    assert.equal(again?.length, whole?.length);
    assert.equal((await Deno.stat(path)).size, whole?.length, "the cache holds a whole one again");
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("[postgres] a cache that cannot be written still yields a template", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "fitconnect_template_" });
  try {
    // A file where the cache folder should be: nothing can be written under it.
    await Deno.writeTextFile(`${cacheDir}/blocked`, "");
    const template = await pgliteTemplate(`${cacheDir}/blocked`);
    assert.ok(template && template.length > 0);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("[postgres] a new PGlite database is empty and keeps a small buffer cache", async () => {
  const store = await openPglite({});
  try {
    const { rows } = await store.db.execute<{ tables: number; buffers: string }>(sql`
      select (select count(*)::int from pg_tables where schemaname = 'public') as tables,
             current_setting('shared_buffers') as buffers
    `);
    assert.deepEqual(rows, [{ tables: 0, buffers: "16MB" }]);
  } finally {
    await store.close();
  }
});
