/**
 * Tests for the wrk report parser, on output captured from real wrk 4.1.0
 * runs against this platform, and for the generated Lua script against a
 * live server when wrk is installed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildLuaScript, luaString, parseWrkOutput, parseWrkTime, runWrk } from "./wrk.ts";

/** `-t2 -c50 -d3s` on the 404 route: milliseconds, and wrk's non-2xx line. */
const msWithNon2xx = `Running 3s test @ http://localhost:18181/v1/auth/_bench
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.85ms    2.21ms  37.18ms   89.23%
    Req/Sec     3.22k   484.19     3.75k    88.33%
  Latency Distribution
     50%    7.19ms
     75%    8.02ms
     90%    9.65ms
     99%   17.80ms
  19277 requests in 3.01s, 16.84MB read
  Non-2xx or 3xx responses: 19277
Requests/sec:   6405.13
Transfer/sec:      5.60MB
`;

/** `-t1 -c1` on the same route: sub-millisecond latencies print in microseconds. */
const microseconds = `Running 2s test @ http://localhost:18181/v1/auth/_bench
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   227.29us  152.55us   3.56ms   97.65%
    Req/Sec     4.67k   487.74     5.59k    60.00%
  Latency Distribution
     50%  206.00us
     75%  237.00us
     90%  246.00us
     99%    1.04ms
  9304 requests in 2.00s, 8.13MB read
  Non-2xx or 3xx responses: 9304
Requests/sec:   4648.61
Transfer/sec:      4.06MB
`;

/** `-c200 --timeout 1s` on /health: socket timeouts. */
const socketTimeouts = `Running 3s test @ http://localhost:18181/health
  2 threads and 200 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   671.80ms   78.42ms 978.89ms   87.35%
    Req/Sec   194.79    133.51   434.00     60.61%
  Latency Distribution
     50%  647.72ms
     75%  671.44ms
     90%  773.08ms
     99%  978.86ms
  718 requests in 3.03s, 617.03KB read
  Socket errors: connect 0, read 0, write 0, timeout 117
Requests/sec:    236.87
Transfer/sec:    203.56KB
`;

/** `-c400` on /health: seconds, which wrk pads with a trailing space. */
const seconds = `Running 4s test @ http://localhost:18181/health
  2 threads and 400 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.19s   221.02ms   1.87s    80.79%
    Req/Sec   183.10     73.37   390.00     79.03%
  Latency Distribution
     50%    1.11s 
     75%    1.17s 
     90%    1.58s 
     99%    1.85s 
  1171 requests in 4.06s, 0.98MB read
Requests/sec:    288.77
Transfer/sec:    248.16KB
`;

/** Bare server through our Lua script: its done() line, no error lines. */
const withLuaDone = `Running 4s test @ http://127.0.0.1:18182/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.40ms    6.33ms  71.96ms   95.94%
    Req/Sec    28.03k     9.53k   64.06k    76.25%
  Latency Distribution
     50%  511.00us
     75%    2.23ms
     90%    4.80ms
     99%   39.44ms
  224358 requests in 4.04s, 25.46MB read
Requests/sec:  55592.42
Transfer/sec:      6.31MB
Unexpected status responses: 0
`;

function hasWrk(): boolean {
  try {
    new Deno.Command("wrk", { args: ["-v"], stdout: "null", stderr: "null" }).outputSync();
    return true;
  } catch {
    return false;
  }
}

Deno.test("[bench] parseWrkTime", async (t) => {
  await t.step("converts us, ms, s, m and h to milliseconds", () => {
    assert.equal(parseWrkTime("206.00us"), 0.206);
    assert.equal(parseWrkTime("7.19ms"), 7.19);
    assert.equal(parseWrkTime("1.11s"), 1110);
    assert.equal(parseWrkTime("1.50m"), 90_000);
    assert.equal(parseWrkTime("1.00h"), 3_600_000);
  });
  await t.step("rejects a bare number with a message naming the text", () => {
    assert.throws(() => parseWrkTime("12"), /Cannot parse wrk time "12"/);
  });
});

Deno.test("[bench] parseWrkOutput", async (t) => {
  await t.step("reads rps, percentiles in ms and the non-2xx count", () => {
    const result = parseWrkOutput(msWithNon2xx);
    assert.equal(result.requestsPerSec, 6405.13);
    assert.equal(result.requests, 19277);
    assert.equal(result.durationSec, 3.01);
    assert.deepEqual(result.latencyMs, { p50: 7.19, p75: 8.02, p90: 9.65, p99: 17.8 });
    assert.equal(result.non2xx3xx, 19277);
    // No Lua done() line and no socket errors: nothing to count against the run.
    assert.equal(result.errors, 0);
  });
  await t.step("converts microseconds", () => {
    const result = parseWrkOutput(microseconds);
    assert.equal(result.requestsPerSec, 4648.61);
    assert.equal(result.latencyMs.p50, 0.206);
    assert.equal(result.latencyMs.p90, 0.246);
    assert.equal(result.latencyMs.p99, 1.04);
  });
  await t.step("converts seconds despite the trailing padding", () => {
    const result = parseWrkOutput(seconds);
    assert.deepEqual(result.latencyMs, { p50: 1110, p75: 1170, p90: 1580, p99: 1850 });
    assert.equal(result.durationSec, 4.06);
  });
  await t.step("counts socket timeouts as errors", () => {
    const result = parseWrkOutput(socketTimeouts);
    assert.deepEqual(result.socketErrors, { connect: 0, read: 0, write: 0, timeout: 117 });
    assert.equal(result.errors, 117);
    assert.equal(result.latencyMs.p99, 978.86);
  });
  await t.step("reads the Lua hook's unexpected-status count", () => {
    const result = parseWrkOutput(withLuaDone.replace("responses: 0", "responses: 3"));
    assert.equal(result.unexpectedStatus, 3);
    assert.equal(result.errors, 3);
    assert.equal(result.latencyMs.p50, 0.511);
  });
  await t.step("fails clearly without --latency", () => {
    const withoutLatency = msWithNon2xx.replace(/^\s+\d+%.*\n/gm, "");
    assert.throws(() => parseWrkOutput(withoutLatency), /50% latency \(was --latency passed\?\)/);
  });
  await t.step("fails clearly on something that is not wrk output", () => {
    assert.throws(() => parseWrkOutput("unable to connect"), /no "Requests\/sec" line/);
  });
});

Deno.test("[bench] luaString keeps quotes, backslashes and UTF-8 intact", () => {
  assert.equal(luaString('{"a":"b\\c"}'), '"{\\"a\\":\\"b\\\\c\\"}"');
  // "é" is two UTF-8 bytes; the newline and the digit after it must not merge into one escape.
  assert.equal(luaString("é\n1"), '"\\195\\169\\0101"');
});

Deno.test("[bench] buildLuaScript", async (t) => {
  await t.step("counts only the expected status as success", () => {
    const script = buildLuaScript({ expectStatus: 404 });
    assert.match(script, /wrk\.method = "GET"/);
    assert.match(script, /if not \(status == 404\)/);
  });
  await t.step("without an expected status, any 1xx-3xx is success", () => {
    assert.match(buildLuaScript({}), /status >= 100 and status < 400/);
  });
});

Deno.test({
  name: "[bench] runWrk sends the method, headers and body from its Lua script",
  ignore: !hasWrk(),
  async fn() {
    const body = JSON.stringify({ name: 'Zoë "quoted"', reps: 12 });
    const seen = { requests: 0, wrong: 0 };
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      async (req) => {
        seen.requests++;
        const ok = req.method === "POST" &&
          req.headers.get("authorization") === "Bearer t0k3n" &&
          (await req.text()) === body;
        if (!ok) seen.wrong++;
        // Every fifth request answers 500 so the unexpected-status count has something to count.
        return new Response(null, { status: seen.requests % 5 === 0 ? 500 : 201 });
      },
    );
    try {
      const result = await runWrk({
        url: `http://127.0.0.1:${server.addr.port}/`,
        method: "POST",
        headers: { "Authorization": "Bearer t0k3n", "Content-Type": "application/json" },
        body,
        expectStatus: 201,
        durationSec: 1,
        connections: 2,
        threads: 1,
      });
      assert.equal(seen.wrong, 0);
      assert.ok(result.requests > 0);
      assert.ok(result.unexpectedStatus > 0);
      // wrk's own count covers only the 500s, like ours: both see the same responses.
      assert.equal(result.unexpectedStatus, result.non2xx3xx);
    } finally {
      await server.shutdown();
    }
  },
});
