/**
 * Gzip for the web app's text files (JS, CSS, HTML, SVG, JSON), when the browser accepts it:
 * Deno.serve sends a `Response` body as it is, and the app's scripts shrink to about a third,
 * which is most of a phone's first load. Compressed per request, as the files are read per
 * request (a rebuild is served at once).
 *
 * @module
 */

const compressible = /^(?:text\/|application\/(?:json|manifest\+json)|image\/svg\+xml)/;

/** Below this, the gzip header costs more than it saves. */
const minimumBytes = 256;

/** True when a file of `contentType` and `size` is worth compressing. */
export function worthCompressing(contentType: string, size: number): boolean {
  return size >= minimumBytes && compressible.test(contentType);
}

/**
 * True when `Accept-Encoding` accepts gzip: named (or `*`) with a q-value above 0, and not
 * refused by name (`gzip;q=0`).
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  let named: number | undefined;
  let any: number | undefined;
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";").map((s) => s.trim());
    const qParam = params.find((param) => param.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const weight = Number.isFinite(q) ? q : 0;
    if (coding === "gzip" || coding === "x-gzip") named = weight;
    else if (coding === "*") any = weight;
  }
  return (named ?? any ?? 0) > 0;
}

/** `bytes`, gzip-compressed. */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
