/**
 * Lighthouse, run with Node against a page of the bench platform, in Debian's Chromium.
 *
 * Lighthouse is pinned exactly (12.2.3: version 13 wants Node 22) in the small Node package
 * `tools/bench/lighthouse/` with its committed package-lock.json; the first run installs it
 * there with `npm ci` (from the npm registry, nothing downloaded at run time: it drives the
 * local Chromium through CHROME_PATH). Lighthouse's defaults otherwise: mobile form factor,
 * simulated throttling.
 *
 * Its CPU slowdown (×4) assumes a fast desktop; on a slower or busier machine Lighthouse warns
 * that the performance score is off and asks for a calibrated slowdown. So when its benchmark
 * index says so, a second run uses the slowdown Lighthouse's calculator gives
 * (./web_report.ts `calibratedCpuMultiplier`); the report shows both scores and the index.
 *
 * @module
 */
import { chromiumPath } from "./web_tti.ts";
import {
  calibratedCpuMultiplier,
  type LighthouseReport,
  lighthouseTargets,
  parseLighthouse,
} from "./web_report.ts";

const packageDir = new URL("./lighthouse/", import.meta.url).pathname;
const cli = `${packageDir}node_modules/lighthouse/cli/index.js`;

async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command(command, {
    args,
    cwd: packageDir,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const tail = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-15).join("\n");
    throw new Error(`Cannot run ${command} ${args[0]}: exit ${output.code}\n${tail}`);
  }
}

/** Installs the pinned Lighthouse into tools/bench/lighthouse/node_modules when missing. */
export async function ensureLighthouse(log: (message: string) => void): Promise<void> {
  try {
    await Deno.stat(cli);
    return;
  } catch {
    log("installing lighthouse@12.2.3 into tools/bench/lighthouse (npm ci, once)");
  }
  // --include=dev: the web build before this sets NODE_ENV=production in this process (Vite
  // does), and npm ci then leaves out devDependencies, Lighthouse among them.
  await run("npm", [
    "ci",
    "--include=dev",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    "--loglevel=error",
  ]);
}

/** How {@linkcode runLighthouse} runs. */
export interface LighthouseOptions {
  /**
   * Headers for every request of one run (the signed-in member's cookie: a fresh one each run,
   * since the app rotates it).
   */
  headers: () => Promise<Record<string, string>>;
  /** Where the full JSON report is kept, for the audits' details. */
  reportPath: string;
  log: (message: string) => void;
}

/** Runs Lighthouse on `url` (performance, accessibility, best practices) and judges the scores. */
export async function runLighthouse(
  url: string,
  { headers, reportPath, log }: LighthouseOptions,
): Promise<LighthouseReport> {
  await ensureLighthouse(log);
  const first = await lighthouseJson(url, await headers());
  const byDefault = parseLighthouse(first);
  const multiplier = byDefault.benchmarkIndex === null
    ? 4
    : calibratedCpuMultiplier(byDefault.benchmarkIndex);
  if (multiplier >= byDefault.cpuSlowdownMultiplier) {
    await Deno.writeTextFile(reportPath, first);
    return byDefault;
  }
  log(`web: Lighthouse again with CPU ×${multiplier} (benchmarkIndex ${byDefault.benchmarkIndex})`);
  const calibrated = await lighthouseJson(url, await headers(), multiplier);
  await Deno.writeTextFile(reportPath, calibrated);
  const performance = byDefault.scores.find((score) => score.category === "performance");
  return {
    ...parseLighthouse(calibrated),
    // The index the slowdown was calibrated from (the second run measures its own, on a busy
    // machine often another).
    benchmarkIndex: byDefault.benchmarkIndex,
    defaultPerformance: performance?.score ?? null,
  };
}

/** One Lighthouse run's JSON report. */
async function lighthouseJson(
  url: string,
  headers: Record<string, string>,
  cpuSlowdownMultiplier?: number,
): Promise<string> {
  const outDir = await Deno.makeTempDir({ prefix: "fitconnect-lighthouse-" });
  try {
    const report = `${outDir}/report.json`;
    await run("node", [
      cli,
      url,
      "--output=json",
      `--output-path=${report}`,
      "--quiet",
      `--only-categories=${Object.keys(lighthouseTargets).join(",")}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
      `--extra-headers=${JSON.stringify(headers)}`,
      ...(cpuSlowdownMultiplier === undefined
        ? []
        : [`--throttling.cpuSlowdownMultiplier=${cpuSlowdownMultiplier}`]),
    ], { CHROME_PATH: chromiumPath });
    return await Deno.readTextFile(report);
  } finally {
    await Deno.remove(outDir, { recursive: true }).catch(() => {});
  }
}
