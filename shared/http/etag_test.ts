import assert from "node:assert/strict";
import { etagOfBody, ifNoneMatchHits, parseEntityTags } from "./etag.ts";

Deno.test("[shared] entity tags", async (t) => {
  await t.step("parses lists, weak tags and *; skips malformed members", () => {
    assert.deepEqual(parseEntityTags('"a", W/"b", junk, "c'), [
      { weak: false, opaque: "a" },
      { weak: true, opaque: "b" },
    ]);
    assert.equal(parseEntityTags(' "a", * '), "*");
  });

  await t.step("If-None-Match uses the weak comparison", () => {
    assert.equal(ifNoneMatchHits(undefined, '"a"'), false);
    assert.equal(ifNoneMatchHits('"a"', '"a"'), true);
    assert.equal(ifNoneMatchHits('W/"a"', '"a"'), true);
    assert.equal(ifNoneMatchHits('"b", "a"', '"a"'), true);
    assert.equal(ifNoneMatchHits("*", '"a"'), true);
    assert.equal(ifNoneMatchHits('"b"', '"a"'), false);
  });

  await t.step("a body's tag changes with any byte of it", async () => {
    const tag = await etagOfBody('{"a":1}');
    assert.match(tag, /^"[\w-]{32}"$/);
    assert.equal(await etagOfBody('{"a":1}'), tag);
    assert.notEqual(await etagOfBody('{"a":2}'), tag);
  });
});
