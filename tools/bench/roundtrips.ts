/**
 * The round-trips section of `deno task bench` (`--only roundtrips`): counts
 * the database and key-value round trips each request makes on the
 * production adapters, as an edge worker far from its database pays them.
 *
 * It starts, in this process, the Neon WebSocket proxy with a simulated
 * round trip (`--latency-ms`, 20 ms by default) in front of the real
 * PostgreSQL of DATABASE_URL (a scratch database, dropped afterwards), the
 * Upstash bridge in front of the real Redis of REDIS_URL (the platform's
 * keys under a namespace of their own, deleted afterwards), and a stand-in
 * for Stripe's API (./stripe_standin.ts: payments run on the Stripe adapter,
 * whose intents are HTTPS calls, not database rows); then the
 * embedded platform twice on them (key-value caches on, and off for cold
 * reads), with the outbox relays and metrics reports slowed to once an hour
 * so that nothing but the request under count talks to the stores.
 *
 * Each request is sent alone once both counters are quiet; its round trips
 * are what the proxy and the bridge carried until its answer was read
 * (./roundtrip_scenarios.ts says what is sent).
 *
 * @module
 */
import { createScratchDatabase } from "../../shared/testing/scratch_database.ts";
import { startNeonWsProxy } from "../neon_ws_proxy.ts";
import { startUpstashBridge, type UpstashBridge } from "../upstash_bridge.ts";
import { type Measure, roundTripScenarios } from "./roundtrip_scenarios.ts";
import {
  type RoundTripSample,
  type RoundTripsReport,
  type RoundTripStep,
  summariseStep,
} from "./roundtrips_report.ts";
import { freePort, type Service, startPlatform } from "./services.ts";
import { startStripeStandin } from "./stripe_standin.ts";

/** What the section needs from the bench run. */
export interface RoundTripsOptions {
  /** Registers a child process for cleanup before it is awaited. */
  track: (service: Service) => Service;
  dataDir: string;
  log: (message: string) => void;
  env?: { DATABASE_URL?: string; REDIS_URL?: string };
  latencyMs?: number;
  /** Measured iterations per scenario (after {@linkcode warmupIterations}). */
  iterations?: number;
}

/** Unmeasured iterations first: connections open and code compiles then, not under count. */
const warmupIterations = 3;
/** Relays and metric reports would talk to the stores between requests: once an hour. */
const backgroundIntervalMs = String(60 * 60_000);

/** Measures every scenario; skipped (with the reason) without DATABASE_URL and REDIS_URL. */
export async function benchRoundTrips(options: RoundTripsOptions): Promise<RoundTripsReport> {
  const latencyMs = options.latencyMs ?? 20;
  const stores =
    "Neon driver → PostgreSQL, Upstash client → Redis, Stripe adapter → a loopback stand-in";
  const { DATABASE_URL, REDIS_URL } = options.env ?? Deno.env.toObject();
  if (!DATABASE_URL || !REDIS_URL) {
    return { latencyMs, stores, steps: [], skipped: "set DATABASE_URL and REDIS_URL (as .ci/run)" };
  }
  const proxy = startNeonWsProxy({ port: 0, latencyMs });
  const token = crypto.randomUUID();
  const bridge = startUpstashBridge({ port: 0, redis: REDIS_URL, token });
  const stripe = startStripeStandin({ port: 0 });
  const namespace = `bench-${crypto.randomUUID().slice(0, 8)}`;
  const platforms: Service[] = [];
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  try {
    scratch = await createScratchDatabase(DATABASE_URL, `127.0.0.1:${proxy.port}`);
    const env = {
      DATABASE_URL: scratch.url,
      NEON_WS_PROXY: `127.0.0.1:${proxy.port}`,
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: token,
      FITCONNECT_KV_NAMESPACE: namespace,
      FITCONNECT_RELAY_INTERVAL_MS: backgroundIntervalMs,
      FITCONNECT_METRICS_REPORT_INTERVAL_MS: backgroundIntervalMs,
      STRIPE_SECRET_KEY: "sk_test_bench",
      STRIPE_WEBHOOK_SECRET: `whsec_${crypto.randomUUID()}`,
      STRIPE_API_URL: stripe.url,
    };
    const start = async (cache: boolean) => {
      const dir = `${options.dataDir}/roundtrips-${cache ? "warm" : "cold"}`;
      const platform = options.track(startPlatform(freePort(), dir, cache, undefined, env));
      platforms.push(platform);
      await platform.ready;
      return platform;
    };
    options.log(`round trips: platforms on PostgreSQL + Redis, ${latencyMs} ms to the database`);
    // One after the other: the first applies the migrations the second finds done.
    const servers = { warm: await start(true), cold: await start(false) };
    const counters = () => ({ db: proxy.stats.messagesToServer, kv: bridge.stats.requests });
    const steps: RoundTripStep[] = [];
    for (const scenario of roundTripScenarios) {
      options.log(`  ${scenario.steps.map((step) => step.name).join(" + ")}`);
      const iterations = options.iterations ?? 30;
      const iterate = await scenario.setup(
        servers[scenario.server].baseUrl,
        iterations + warmupIterations,
      );
      const samples: RoundTripSample[][] = scenario.steps.map(() => []);
      for (let i = 0; i < warmupIterations + iterations; i++) {
        let step = 0;
        const measure: Measure = async (send, expectStatus) => {
          await quiet(counters);
          const before = counters();
          const started = performance.now();
          const response = await send();
          const text = await response.text();
          const ms = performance.now() - started;
          const answered = counters();
          if (response.status !== expectStatus) {
            throw new Error(
              `Cannot count ${scenario.steps[step].name}: got ${response.status}, ` +
                `expected ${expectStatus}: ${text.slice(0, 300)}`,
            );
          }
          await quiet(counters);
          if (i >= warmupIterations) {
            samples[step].push({
              db: answered.db - before.db,
              dbAfter: counters().db - answered.db,
              kv: answered.kv - before.kv,
              ms,
            });
          }
          step++;
          return text ? JSON.parse(text) : undefined;
        };
        await iterate(measure);
      }
      scenario.steps.forEach((step, index) =>
        steps.push(summariseStep(step.name, samples[index], step.target))
      );
    }
    return { latencyMs, stores, steps };
  } finally {
    await Promise.all(platforms.map((platform) => platform.stop()));
    await scratch?.drop().catch((error) => options.log(`cannot drop ${scratch?.url}: ${error}`));
    await forgetKeys(bridge, token, namespace).catch(() => {});
    await bridge.shutdown();
    await proxy.shutdown();
    await stripe.shutdown();
  }
}

/**
 * Waits until neither counter has moved for a while (three simulated round
 * trips and more), so a request is counted alone. Gives up after 5 s: a
 * store that never falls quiet shows in the counts.
 */
async function quiet(counters: () => { db: number; kv: number }, quietMs = 120): Promise<void> {
  const giveUpAt = Date.now() + 5_000;
  let last = counters();
  let since = Date.now();
  while (Date.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = counters();
    if (now.db !== last.db || now.kv !== last.kv) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}

/** Deletes the keys the platforms wrote under `namespace`. */
async function forgetKeys(bridge: UpstashBridge, token: string, namespace: string) {
  const call = async (command: string[]) => {
    const response = await fetch(bridge.url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(command),
    });
    return (await response.json()).result;
  };
  const keys: string[] = await call(["KEYS", `${namespace}:*`]);
  for (let i = 0; i < keys.length; i += 500) await call(["DEL", ...keys.slice(i, i + 500)]);
}
