import assert from "node:assert/strict";
import { Redis } from "@upstash/redis";
import { needsService } from "../shared/testing/services.ts";
import { startUpstashBridge } from "./upstash_bridge.ts";

const redisUrl = Deno.env.get("REDIS_URL") || undefined;
const token = "bridge-test-token";

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; contentType: string | null; body: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: await response.json(),
  };
}

Deno.test(
  needsService("[tools] upstash bridge", redisUrl !== undefined, "REDIS_URL"),
  async (t) => {
    const bridge = startUpstashBridge({ port: 0, redis: redisUrl!, token });
    const key = `bridge-test:${crypto.randomUUID()}`;
    try {
      await t.step("runs a command", async () => {
        const set = await post(bridge.url, ["SET", key, "v1", "PX", 10_000]);
        assert.equal(set.status, 200);
        assert.match(set.contentType ?? "", /application\/json/);
        assert.deepEqual(set.body, { result: "OK" });
        assert.deepEqual((await post(bridge.url, ["GET", key])).body, { result: "v1" });
        assert.deepEqual((await post(`${bridge.url}/`, ["GET", `${key}:none`])).body, {
          result: null,
        });
      });

      await t.step("base64-encodes strings when asked, but not OK", async () => {
        const encoded = { "Upstash-Encoding": "base64" };
        assert.deepEqual(
          (await post(bridge.url, ["SET", key, "héllo", "PX", 10_000], encoded)).body,
          {
            result: "OK",
          },
        );
        assert.deepEqual((await post(bridge.url, ["GET", key], encoded)).body, {
          result: btoa(String.fromCharCode(...new TextEncoder().encode("héllo"))),
        });
        assert.deepEqual((await post(bridge.url, ["PING"], encoded)).body, {
          result: btoa("PONG"),
        });
      });

      await t.step("runs a pipeline, with per-command errors", async () => {
        const response = await post(`${bridge.url}/pipeline`, [
          ["SET", key, "1", "PX", "10000"],
          ["INCR", key],
          ["HGET", key, "field"],
          ["MGET", key, `${key}:none`],
        ]);
        assert.equal(response.status, 200);
        const [set, incr, wrongType, mget] = response.body as Record<string, unknown>[];
        assert.deepEqual([set, incr, mget], [{ result: "OK" }, { result: 2 }, {
          result: ["2", null],
        }]);
        assert.match(String(wrongType.error), /^WRONGTYPE/);
      });

      await t.step("runs multi-exec inside MULTI/EXEC", async () => {
        const counter = `${key}:counter`;
        const response = await post(`${bridge.url}/multi-exec`, [
          ["SET", counter, "0", "NX", "PX", "10000"],
          ["INCRBY", counter, "5"],
          ["PTTL", counter],
        ]);
        assert.equal(response.status, 200);
        const [set, incr, pttl] = response.body as { result: unknown }[];
        assert.deepEqual([set, incr], [{ result: "OK" }, { result: 5 }]);
        assert.ok(Number(pttl.result) > 9000);
        const aborted = await post(`${bridge.url}/multi-exec`, [["INCR", counter], ["NOPE"]]);
        assert.equal(aborted.status, 400);
        assert.match(String((aborted.body as { error: string }).error), /unknown command/i);
        assert.deepEqual((await post(bridge.url, ["GET", counter])).body, { result: "5" });
        await post(bridge.url, ["DEL", counter]);
      });

      await t.step("answers a command error with 400", async () => {
        const wrongType = await post(bridge.url, ["HGET", key, "field"]);
        assert.equal(wrongType.status, 400);
        assert.match(String((wrongType.body as { error: string }).error), /^WRONGTYPE/);
        const unknown = await post(bridge.url, ["NOPE"]);
        assert.equal(unknown.status, 400);
        const stateful = await post(bridge.url, ["MULTI"]);
        assert.equal(stateful.status, 400);
        assert.equal((await post(bridge.url, "not a command")).status, 400);
      });

      await t.step("refuses a bad or missing token with 401", async () => {
        const bad = await post(bridge.url, ["PING"], { authorization: "Bearer wrong" });
        assert.equal(bad.status, 401);
        assert.ok("error" in (bad.body as object));
        const missing = await fetch(bridge.url, { method: "POST", body: '["PING"]' });
        assert.equal(missing.status, 401);
        await missing.body?.cancel();
      });

      await t.step("counts round trips and commands at GET /stats", async () => {
        const stats = async () => {
          const response = await fetch(`${bridge.url}/stats`, {
            headers: { authorization: `Bearer ${token}` },
          });
          assert.equal(response.status, 200);
          return await response.json() as { requests: number; commands: number };
        };
        const before = await stats();
        await post(bridge.url, ["PING"]);
        await post(`${bridge.url}/pipeline`, [["PING"], ["PING"], ["PING"]]);
        assert.deepEqual(await stats(), {
          requests: before.requests + 2,
          commands: before.commands + 4,
        });
        assert.deepEqual(bridge.stats, await stats());
        const anonymous = await fetch(`${bridge.url}/stats`);
        assert.equal(anonymous.status, 401);
        await anonymous.body?.cancel();
      });

      await t.step("serves @upstash/redis with its default options", async () => {
        const redis = new Redis({ url: bridge.url, token, enableTelemetry: false });
        assert.equal(await redis.ping(), "PONG");
        await redis.set(key, { a: [1, "x"] }, { px: 10_000 });
        assert.deepEqual(await redis.get(key), { a: [1, "x"] });
        const [, value, pttl] = await redis.multi().set(`${key}:n`, 0, { nx: true, px: 10_000 })
          .incrby(`${key}:n`, 3).pttl(`${key}:n`).exec<[unknown, number, number]>();
        assert.equal(value, 3);
        assert.ok(pttl > 9000);
        await assert.rejects(redis.hget(key, "f"), /WRONGTYPE/);
        await redis.del(key, `${key}:n`);
      });
    } finally {
      await post(bridge.url, ["DEL", key]).catch(() => {});
      await bridge.shutdown();
    }
  },
);
