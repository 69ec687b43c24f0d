/**
 * Sums a V8 `.cpuprofile` (from `deno run --cpu-prof`) by function and by
 * file, self time only, so two profiles of the same load can be compared
 * file by file:
 *
 * ```sh
 * deno run -A tools/profile/summarize_cpuprofile.ts /tmp/prof/CPU.*.cpuprofile 40
 * ```
 *
 * @module
 */

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
export function summarize(profile: CpuProfile): {
  byFunction: [string, number][];
  byFile: [string, number][];
} {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
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
  const [path, top = "30"] = Deno.args;
  if (!path) throw new Error("Cannot summarise: give a .cpuprofile path");
  const { byFunction, byFile } = summarize(JSON.parse(await Deno.readTextFile(path)));
  const show = (rows: [string, number][]) =>
    rows.slice(0, Number(top)).map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${key}`)
      .join("\n");
  console.log(`== self time by function\n${show(byFunction)}\n== by file\n${show(byFile)}`);
}
