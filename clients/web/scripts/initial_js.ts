/**
 * The initial JavaScript of a production build: the entry chunks and everything they import
 * statically, gzip-compressed, as the browser downloads it before the app can start. The budget
 * test (./build_test.ts) asserts it and `deno task bench` reports it.
 *
 * @module
 */

/** The budget of issue 12: initial JavaScript ≤ 150 KB gzip. */
export const initialJsBudgetBytes = 150 * 1024;

/** One chunk of Vite's `.vite/manifest.json`. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** A build's manifest, keyed by source path. */
export type Manifest = Record<string, ManifestChunk>;

/** The gzip size of the initial JS, in bytes, and of each chunk in it. */
export interface InitialJs {
  gzipBytes: number;
  chunks: { file: string; gzipBytes: number }[];
}

/** Reads `<outDir>/.vite/manifest.json`. */
export async function readManifest(outDir: string): Promise<Manifest> {
  return JSON.parse(await Deno.readTextFile(`${outDir}/.vite/manifest.json`));
}

/** The size of `bytes` after gzip (default level, as a server would send it). */
export async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** The entry chunks and, transitively, their static imports. */
export function initialChunks(manifest: Manifest): ManifestChunk[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen].map((key) => manifest[key]);
}

/** Measures the initial JS of the build in `outDir`. */
export async function measureInitialJs(outDir: string, manifest?: Manifest): Promise<InitialJs> {
  const chunks: InitialJs["chunks"] = [];
  for (const chunk of initialChunks(manifest ?? await readManifest(outDir))) {
    chunks.push({
      file: chunk.file,
      gzipBytes: await gzipSize(await Deno.readFile(`${outDir}/${chunk.file}`)),
    });
  }
  return { gzipBytes: chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0), chunks };
}
