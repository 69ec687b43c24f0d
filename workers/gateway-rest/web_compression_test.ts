import assert from "node:assert/strict";
import { acceptsGzip, gzip, worthCompressing } from "./web_compression.ts";

Deno.test("[gateway-rest] acceptsGzip reads Accept-Encoding and its q-values", () => {
  for (const yes of ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*", "x-gzip", "GZIP"]) {
    assert.equal(acceptsGzip(yes), true, yes);
  }
  for (const no of [undefined, "", "identity", "br", "gzip;q=0", "*;q=0", "*, gzip;q=0"]) {
    assert.equal(acceptsGzip(no), false, String(no));
  }
});

Deno.test("[gateway-rest] worthCompressing: text of some size only", () => {
  assert.equal(worthCompressing("text/javascript; charset=utf-8", 4096), true);
  assert.equal(worthCompressing("image/svg+xml", 4096), true);
  assert.equal(worthCompressing("text/html; charset=utf-8", 100), false);
  assert.equal(worthCompressing("image/png", 4096), false);
  assert.equal(worthCompressing("font/woff2", 4096), false);
});

Deno.test("[gateway-rest] gzip round-trips", async () => {
  const text = "const a = 1;\n".repeat(500);
  const compressed = await gzip(new TextEncoder().encode(text));
  assert.ok(compressed.byteLength < text.length / 10);
  const back = new Blob([compressed as BlobPart]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  assert.equal(await new Response(back).text(), text);
});
