/**
 * Sums a V8 `.cpuprofile` (from `deno run --cpu-prof`) by function and by
 * file, self time only, so two profiles of the same load can be compared
 * file by file:
 *
 * ```sh
 * deno run -A tools/profile/summarize_cpuprofile.ts /tmp/prof/CPU.*.cpuprofile 40
 * deno run -A tools/profile/summarize_cpuprofile.ts /tmp/prof/CPU.*.cpuprofile 40 --last 12 --skip-end 3
 * ```
 *
 * `--last S --skip-end E` keeps only the S seconds that end E seconds before the profile does: the
 * load window, without the start (migrations, the web build) that would otherwise dominate.
 *
 * @module
 */

import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms, by "function file:line" and by file, largest first. */
export function summarize(profile: CpuProfile, window?: { fromMs: number; toMs: number }): {
  byFunction: [string, number][];
  byFile: [string, number][];
} {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let atMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    atMs += ms;
    if (window && (atMs < window.fromMs || atMs > window.toMs)) return;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.replace(/^.*node_modules\/\.deno\//, "npm:").replace(/^file:\/\//, "") ||
      "(native)";
    const name = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  const sorted = (totals: Map<string, number>) => [...totals].sort((a, b) => b[1] - a[1]);
  return { byFunction: sorted(byFunction), byFile: sorted(byFile) };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: { last: { type: "string" }, "skip-end": { type: "string", default: "0" } },
  });
  const [path, top = "30"] = positionals;
  if (!path) throw new Error("Cannot summarise: give a .cpuprofile path");
  const profile: CpuProfile = JSON.parse(await Deno.readTextFile(path));
  const totalMs = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / 1000;
  const toMs = totalMs - Number(values["skip-end"]) * 1000;
  const window = values.last ? { fromMs: toMs - Number(values.last) * 1000, toMs } : undefined;
  const { byFunction, byFile } = summarize(profile, window);
  const show = (rows: [string, number][]) =>
    rows.slice(0, Number(top)).map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${key}`)
      .join("\n");
  console.log(`== self time by function\n${show(byFunction)}\n== by file\n${show(byFile)}`);
}
