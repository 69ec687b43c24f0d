/**
 * The empty database every new PGlite starts from, made once per machine.
 *
 * A new PGlite database otherwise runs initdb: seconds of CPU (most of a
 * fresh `deno task start`, and of every in-memory test database), and a
 * second Postgres instance whose memory (~190 MB of WebAssembly) stays in the
 * process until the garbage collector happens to free it. Every initdb makes
 * the same bytes, so the first one is kept as a tarball of the data directory
 * (`$XDG_CACHE_HOME/fitconnect`, else `~/.cache/fitconnect`; one per PGlite
 * release). A later database is that tar extracted (./pglite.ts): into its
 * folder on disk, or into memory by PGlite (`loadDataDir`).
 *
 * The tar is kept uncompressed (40 MB): inflating the gzipped one took 0.8 s
 * of every start, reading the plain one takes a few milliseconds. A file that
 * is not a whole archive (its size a multiple of 512 bytes, ending in the two
 * zeroed blocks every tar ends with) is made again.
 *
 * The template is made in a Web Worker, so the initdb's memory goes with the
 * worker. Anything that goes wrong here answers `undefined`, and PGlite runs
 * its own initdb as before.
 *
 * @module
 */

/** How long making a template may take before PGlite's own initdb is used instead. */
const makeTimeoutMs = 120_000;

/** The tar of an empty PGlite data directory, or `undefined` when none can be had. */
export async function pgliteTemplate(
  cacheDir = defaultCacheDir(),
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (cacheDir === undefined) return undefined;
  const path = `${cacheDir}/pglite-${await pgliteRelease()}.tar`;
  try {
    const cached = await Deno.readFile(path);
    if (isWholeTar(cached)) return cached;
  } catch {
    // Not made yet or unreadable: make one, and keep it if the cache allows.
  }
  const bytes = await makeTemplate().catch(() => undefined);
  if (bytes === undefined) return undefined;
  // Written aside and renamed: a process starting meanwhile never reads half a template.
  const partial = `${path}.${crypto.randomUUID()}.partial`;
  try {
    await Deno.mkdir(cacheDir, { recursive: true });
    await Deno.writeFile(partial, bytes);
    await Deno.rename(partial, path);
    // The gzipped template earlier versions kept is not read any more.
    await Deno.remove(`${path}.gz`).catch(() => {});
  } catch {
    // A read-only cache only costs the next start its initdb.
    await Deno.remove(partial).catch(() => {});
  }
  return bytes;
}

/** A complete tar archive: whole 512-byte blocks, ending in two zeroed ones. */
function isWholeTar(bytes: Uint8Array): boolean {
  if (bytes.length < 1024 || bytes.length % 512 !== 0) return false;
  return bytes.subarray(bytes.length - 1024).every((byte) => byte === 0);
}

function defaultCacheDir(): string | undefined {
  // The platform's settings come from main.ts; this is where the user keeps caches, not a setting.
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  const home = Deno.env.get("HOME");
  if (xdg) return `${xdg}/fitconnect`;
  return home ? `${home}/.cache/fitconnect` : undefined;
}

/** PGlite's version: a template is only good for the release that made it. */
async function pgliteRelease(): Promise<string> {
  const entry = import.meta.resolve("@electric-sql/pglite");
  try {
    const manifest = JSON.parse(await Deno.readTextFile(new URL("../package.json", entry)));
    return String(manifest.version);
  } catch {
    // No node_modules folder to read: the resolved module names the release.
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(entry));
    return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, "0"))
      .join("");
  }
}

/** Runs initdb in a Web Worker and answers its data directory as a tarball. */
function makeTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const worker = new Worker(new URL("./pglite_template_worker.ts", import.meta.url), {
    type: "module",
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error("initdb took too long")), makeTimeoutMs);
    worker.onmessage = (event: MessageEvent<Uint8Array<ArrayBuffer>>) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message));
    };
  }).finally(() => {
    clearTimeout(timer);
    worker.terminate();
  });
}
