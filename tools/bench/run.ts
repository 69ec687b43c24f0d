/**
 * `deno task bench`: starts a bare Hono server and the embedded platform as child processes, loads
 * each with wrk, and reports every scenario as a ratio to the bare server measured in the same run
 * (so the figures survive a change of machine) with latency percentiles, then the platform's memory
 * and start time (./footprint.ts). Prints the tables, writes `bench/results/latest.{json,md}`.
 *
 * Then the round-trips section (./roundtrips.ts): database and key-value
 * round trips per request on the production adapters, 20 ms from the database.
 *
 * Then the web section (./web.ts): the web app's initial JS, its time to
 * interactive as a ratio to an empty Vite page, and Lighthouse's scores.
 *
 * Flags: see {@linkcode usage} (./flags.ts). Exits 0 even when a target is missed;
 * non-zero when the system did not start or a scenario's pre-flight status
 * was wrong.
 *
 * @module
 */
import { measureRawHashRate } from "./argon2_rate.ts";
import {
  type ApiReport,
  type BenchReport,
  judge,
  type Measurement,
  renderMarkdown,
  type ScenarioReport,
  summariseBaseline,
  toMeasurement,
  writeReport,
} from "./report.ts";
import { baselineOf, type BenchRequest, type Scenario, scenarios } from "./scenarios.ts";
import { freePort, type Service, startBareServer, startNeeded, startPlatform } from "./services.ts";
import { runWrk, type WrkRequest, wrkVersion } from "./wrk.ts";
import { measureQueueThroughput, measureWelcomeLatency } from "./events.ts";
import { measureCheckout } from "./checkout.ts";
import { benchWeb } from "./web.ts";
import { benchHistoryCost } from "./analytics_scaling.ts";
import { benchRoundTrips } from "./roundtrips.ts";
import { type LoadSettings, parseFlags, usage } from "./flags.ts";
import { measureFootprint } from "./footprint.ts";

const resultsDir = new URL("../../bench/results/", import.meta.url);
const warmupSec = 2;
const timeoutSec = 5;

/** A scenario after its setup ran, ready to be loaded. */
interface PreparedScenario {
  scenario: Scenario;
  request: BenchRequest;
  preflight: ScenarioReport["preflight"];
}

async function prepare(scenario: Scenario, baseUrl: string): Promise<PreparedScenario> {
  const { setup: _setup, ...own } = scenario;
  try {
    const request: BenchRequest = { ...own, ...(await scenario.setup?.(baseUrl)) };
    // wrk only says "non-2xx"; one real request proves the route answers what we think it does.
    const response = await fetch(baseUrl + request.path, {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutSec * 1000),
    });
    await response.body?.cancel();
    const expected = request.expectStatus ?? 200;
    const ok = response.status === expected;
    const error = ok ? undefined : `got ${response.status}, expected ${expected}`;
    return { scenario, request, preflight: { status: response.status, ok, error } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { scenario, request: own, preflight: { status: null, ok: false, error: message } };
  }
}

// The bench's platform runs on the embedded stores whatever the shell sets (./services.ts).
const describeStores = () => "PGlite + Deno KV (embedded)";

/** What one benchmark run needs from main(). */
interface BenchOptions {
  settings: LoadSettings;
  wrk: string;
  /** Registers a child process for cleanup before it is awaited. */
  track: (service: Service) => Service;
  dataDir: string;
  /** Aborted on Ctrl-C: kills the wrk run in progress. */
  signal: AbortSignal;
}

async function bench(
  { settings, wrk, track, dataDir, signal }: BenchOptions,
): Promise<{ report: ApiReport; ok: boolean }> {
  const bare = track(startBareServer(freePort()));
  await bare.ready;
  const platform = track(startPlatform(freePort(), dataDir));
  await platform.ready;

  const prepared: PreparedScenario[] = [];
  // The cold platform and the sessions reference start only when a scenario needs them.
  const onDemand = new Map<Scenario["server"], Service>();
  for (const { server } of scenarios) {
    if (onDemand.has(server) || !server || server === "platform" || server === "bare") continue;
    onDemand.set(server, track(startNeeded(server, dataDir)));
  }
  for (const service of onDemand.values()) await service.ready;
  const baseUrlOf = ({ server }: Scenario) =>
    server === "bare" ? bare.baseUrl : (onDemand.get(server) ?? platform).baseUrl;
  for (const scenario of scenarios) prepared.push(await prepare(scenario, baseUrlOf(scenario)));
  const runnable = prepared.filter((p) => p.preflight.ok);

  const load = (request: WrkRequest, durationSec = settings.durationSec, connections?: number) =>
    runWrk({
      ...request,
      ...settings,
      connections: connections ?? settings.connections,
      durationSec,
      timeoutSec,
      signal,
    });
  const bareRequest: WrkRequest = { url: bare.baseUrl + "/", expectStatus: 200 };
  const scenarioRequest = ({ request, scenario }: PreparedScenario): WrkRequest => ({
    url: baseUrlOf(scenario) + request.path,
    method: request.method,
    headers: request.headers,
    body: request.body,
    expectStatus: request.expectStatus ?? 200,
  });

  log(`warming up for ${warmupSec} s per target`);
  await load(bareRequest, warmupSec);
  for (const p of runnable) await load(scenarioRequest(p), warmupSec, p.scenario.connections);

  log(`measuring: ${settings.durationSec} s per run`);
  const before = toMeasurement(await load(bareRequest));
  const measured = new Map<PreparedScenario, Measurement>();
  for (const p of runnable) {
    log(`  ${p.scenario.name}`);
    measured.set(
      p,
      toMeasurement(await load(scenarioRequest(p), settings.durationSec, p.scenario.connections)),
    );
  }
  const after = toMeasurement(await load(bareRequest));
  const baseline = summariseBaseline("bare Hono", [before, after]);
  // Measured here, with the platform idle, on one thread: what a login cannot beat per core.
  const argon2 = runnable.some((p) => p.scenario.baseline === "argon2")
    ? await measureRawHashRate(Math.min(5, settings.durationSec))
    : undefined;
  if (argon2) log(`raw Argon2id: ${argon2.hashesPerSecond.toFixed(1)} hashes/s on one thread`);

  log("events: registration → welcome latency, queue throughput, checkout + confirm");
  const events = {
    welcome: await measureWelcomeLatency(platform.baseUrl),
    queue: await measureQueueThroughput({ dataDir }),
    checkout: await measureCheckout(platform.baseUrl),
  };

  const scenarioReports = prepared.map((p): ScenarioReport => {
    const measurement = measured.get(p);
    const { against, label } = baselineOf(p.scenario, {
      bare: baseline.requestsPerSecMean,
      argon2: argon2?.hashesPerSecond,
      scenario: (name) => [...measured].find(([o]) => o.scenario.name === name)?.[1].requestsPerSec,
    });
    const ratio = measurement && against ? measurement.requestsPerSec / against : null;
    const verdict = measurement && ratio !== null
      ? judge(ratio, p.scenario.target, measurement.errors)
      : { pass: null, result: `pre-flight failed: ${p.preflight.error}` };
    return {
      name: p.scenario.name,
      description: p.scenario.description,
      method: p.request.method ?? "GET",
      path: p.request.path,
      expectStatus: p.request.expectStatus ?? 200,
      preflight: p.preflight,
      measurement,
      ratio,
      ratioTo: label,
      target: p.scenario.target ?? null,
      ...verdict,
    };
  });

  const report: ApiReport = {
    wrk: { version: wrk, ...settings, warmupSec, timeoutSec },
    baseline,
    argon2HashesPerSec: argon2?.hashesPerSecond ?? null,
    scenarios: scenarioReports,
    events,
    footprint: await measureFootprint(platform, onDemand.get("platform-cold")),
  };
  return { report, ok: prepared.every((p) => p.preflight.ok) };
}

function log(message: string) {
  // Progress goes to stderr so stdout carries only the Markdown table.
  console.error(`bench: ${message}`);
}

async function main(): Promise<number> {
  const flags = parseFlags(Deno.args, Deno.env.get("BENCH_DURATION"));
  if (flags.help) {
    console.log(usage);
    return 0;
  }
  const controller = new AbortController();
  const services: Service[] = [];
  let dataDir: string | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    cleaning ??= (async () => {
      controller.abort();
      await Promise.all(services.map((service) => service.stop()));
      // Only after the platform stopped: it flushes PGlite into this directory on SIGTERM.
      if (dataDir) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    })();
  const interrupted = async () => {
    log("interrupted: stopping the servers");
    await cleanup();
    Deno.exit(130);
  };
  Deno.addSignalListener("SIGINT", interrupted);
  Deno.addSignalListener("SIGTERM", interrupted);
  try {
    // Checked first so a missing wrk fails in a second, not after the platform started.
    const wrk = flags.sections.includes("api") ? await wrkVersion() : "not needed";
    if (!wrk) {
      throw new Error("Cannot run wrk: it is not installed (on Debian: apt-get install wrk)");
    }
    dataDir = await Deno.makeTempDir({ prefix: "fitconnect-bench-" });
    const track = (service: Service) => {
      services.push(service);
      return service;
    };
    const report: BenchReport = {
      sections: flags.sections,
      date: new Date().toISOString(),
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      os: Deno.build.os,
      arch: Deno.build.arch,
      cpus: navigator.hardwareConcurrency,
      stores: describeStores(),
    };
    let ok = true;
    if (flags.sections.includes("api")) {
      const api = await bench({
        settings: flags.load,
        wrk,
        track,
        dataDir,
        signal: controller.signal,
      });
      Object.assign(report, api.report);
      ok = api.ok;
      // Idle servers still poll their outboxes: the web section runs without them.
      await Promise.all(services.map((service) => service.stop()));
    }
    if (flags.sections.includes("roundtrips")) {
      report.roundTrips = await benchRoundTrips({ track, dataDir, log });
    }
    if (flags.sections.includes("web")) {
      await Deno.mkdir(resultsDir, { recursive: true });
      report.web = await benchWeb({ track, dataDir: `${dataDir}/web`, resultsDir, log });
    }
    await writeReport(report, resultsDir);
    console.log(renderMarkdown(report));
    // With the servers stopped; it adds its section to latest.json and latest.md.
    if (flags.sections.includes("api")) console.log(await benchHistoryCost(resultsDir, log));
    log(`wrote ${new URL("latest.json", resultsDir).pathname} and latest.md`);
    return ok ? 0 : 1;
  } finally {
    await cleanup();
    Deno.removeSignalListener("SIGINT", interrupted);
    Deno.removeSignalListener("SIGTERM", interrupted);
  }
}

if (import.meta.main) {
  try {
    Deno.exitCode = await main();
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exitCode = 1;
  }
}
