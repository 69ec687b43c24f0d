/**
 * Is `clients/web/dist` the build of the sources as they are? `deno task start` asks before it
 * serves the app, and builds it when the answer is no, so a fresh clone needs no extra step.
 *
 * The stamp (`dist/.build-stamp`, never served) is a SHA-256 over the build's inputs, names and
 * contents: `src/`, `public/`, `index.html`, `deno.json`, `deno.build.json`, `vite.config.ts` and the code shared
 * with the mobile app (`clients/shared`). Contents, not times: a checkout or a `touch` that
 * changes nothing does not rebuild, an edit always does. Tests (`*_test.ts`) are left out.
 *
 * @module
 */

const webRoot = new URL("..", import.meta.url).pathname;

/** The directory `deno task start` serves the app from. */
export const webDistDir = `${webRoot}dist`;

const stampName = ".build-stamp";
const inputFiles = ["index.html", "deno.json", "deno.build.json", "vite.config.ts"].map((name) =>
  webRoot + name
);

/**
 * How `deno task start` runs the app's build (the same as `deno task web:build`): under the
 * build's own configuration (../deno.build.json, its own lockfile), which installs only Vite and
 * the app's packages, into clients/web/node_modules — not the repository's development tools.
 */
export const webBuildCommand = (...args: string[]): string[] => [
  "run",
  "-A",
  `--config=${webRoot}deno.build.json`,
  `${webRoot}scripts/vite.ts`,
  ...args,
];
const inputDirs = [`${webRoot}src`, `${webRoot}public`, `${webRoot}../shared`];

async function filesUnder(dir: string, into: string[]): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory && entry.name !== "node_modules") await filesUnder(path, into);
    else if (entry.isFile && !/_test\.tsx?$/.test(entry.name)) into.push(path);
  }
}

/** The hash of the build's inputs as they are now. */
export async function webInputsHash(): Promise<string> {
  const files = [...inputFiles];
  for (const dir of inputDirs) await filesUnder(dir, files);
  files.sort();
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const path of files) {
    const content = await Deno.readFile(path).catch(() => new Uint8Array());
    parts.push(encoder.encode(`${path.slice(webRoot.length)}\0${content.byteLength}\0`), content);
  }
  const digest = await crypto.subtle.digest("SHA-256", await new Blob(parts as BlobPart[]).bytes());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** True when `outDir` holds a build of exactly the current inputs. */
export async function isBuildCurrent(outDir = webDistDir): Promise<boolean> {
  try {
    await Deno.stat(`${outDir}/index.html`);
    return (await Deno.readTextFile(`${outDir}/${stampName}`)).trim() === await webInputsHash();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Records that `outDir` was built from inputs hashing to `hash` (taken before the build). */
export async function writeBuildStamp(outDir: string, hash: string): Promise<void> {
  await Deno.writeTextFile(`${outDir}/${stampName}`, `${hash}\n`);
}

/**
 * Builds the app into `clients/web/dist` when it is missing or stale, in a child process (Vite
 * stays out of the server's memory), saying so in one line. A failed build is reported and
 * the platform starts anyway: the API does not need the app. Resolves to true when a current
 * build is there.
 */
export async function ensureWebBuild(log: BuildLog = consoleLog): Promise<boolean> {
  if (await isBuildCurrent()) return true;
  log.info("building the web app (clients/web/dist is missing or stale)");
  const output = await new Deno.Command(Deno.execPath(), {
    args: webBuildCommand("build", "--quiet"),
    cwd: `${webRoot}../..`,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (output.success) return true;
  const reason = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-20).join("\n");
  log.warn("the web app did not build; the API is served without it", { reason });
  return false;
}

/** Where {@linkcode ensureWebBuild} reports (the platform's logger fits). */
export interface BuildLog {
  info(message: string): void;
  warn(message: string, fields: { reason: string }): void;
}

const consoleLog: BuildLog = {
  info: (message) => console.log(message),
  warn: (message, { reason }) => console.error(`${message}:\n${reason}`),
};
