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
 * The template is made in a Web Worker, so the initdb's memory goes with the
 * worker. Anything that goes wrong here answers `undefined`, and PGlite runs
 * its own initdb as before.
 *
 * @module
 */

/** How long making a template may take before PGlite's own initdb is used instead. */
const makeTimeoutMs = 120_000;

/** The tar of an empty PGlite data directory, or `undefined` when none can be had. */
export async function pgliteTemplate(cacheDir = defaultCacheDir()): Promise<Blob | undefined> {
  if (cacheDir === undefined) return undefined;
  const path = `${cacheDir}/pglite-${await pgliteRelease()}.tar.gz`;
  try {
    return await gunzip(await Deno.readFile(path));
  } catch {
    // Not made yet, unreadable, or damaged (gzip checks its CRC): make one, and keep it if the
    // cache allows.
  }
  const bytes = await makeTemplate().catch(() => undefined);
  if (bytes === undefined) return undefined;
  // Written aside and renamed: a process starting meanwhile never reads half a template.
  const partial = `${path}.${crypto.randomUUID()}.partial`;
  try {
    await Deno.mkdir(cacheDir, { recursive: true });
    await Deno.writeFile(partial, bytes);
    await Deno.rename(partial, path);
  } catch {
    // A read-only cache only costs the next start its initdb.
    await Deno.remove(partial).catch(() => {});
  }
  return await gunzip(bytes);
}

/** Inflates in one native pass (PGlite's own gunzip of a `loadDataDir` is ten times slower). */
async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Blob> {
  return await new Response(
    new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")),
  ).blob();
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

/** Runs initdb in a Web Worker and answers its data directory as a gzipped tarball. */
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
