import assert from "node:assert/strict";
import { Hono } from "hono";
import { etagged, etaggedJsonOf, etagOfBody, ifNoneMatchHits, parseEntityTags } from "./etag.ts";

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

  await t.step("a row's memoised answer is etagged's answer, 200 and 304 alike", async () => {
    const renders = { count: 0 };
    const answer = etaggedJsonOf((row: { n: number }) => (renders.count++, { n: row.n, at: "x" }));
    const frozen = Object.freeze({ n: 1 });
    const app = new Hono()
      .use("*", async (c, next) => {
        c.header("x-early", "set before the route");
        await next();
      })
      .get(
        "/by-middleware",
        etagged,
        (c) => c.json({ n: 1, at: "x" }, 200, { "cache-control": "no-store" }),
      )
      .get("/memoised", (c) => answer(c, frozen, { "cache-control": "no-store" }))
      .get("/unfrozen", (c) => answer(c, { n: 1 }, { "cache-control": "no-store" }));
    const read = async (path: string, ifNoneMatch?: string) => {
      const response = await app.request(path, {
        headers: ifNoneMatch ? { "if-none-match": ifNoneMatch } : {},
      });
      return {
        status: response.status,
        headers: [...response.headers],
        body: await response.text(),
      };
    };
    const expected = await read("/by-middleware");
    assert.equal(expected.status, 200);
    renders.count = 0;
    for (const path of ["/memoised", "/memoised", "/unfrozen", "/unfrozen"]) {
      assert.deepEqual(await read(path), expected, path);
    }
    assert.equal(
      renders.count,
      3,
      "a frozen row is rendered once; one that can change, every time",
    );
    const tag = expected.headers.find(([name]) => name === "etag")![1];
    const notModified = await read("/by-middleware", tag);
    assert.equal(notModified.status, 304);
    assert.deepEqual(await read("/memoised", tag), notModified);
    assert.deepEqual(await read("/memoised", '"other"'), expected);
  });
});
