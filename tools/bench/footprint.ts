/**
 * Memory and start for `deno task bench` (issue 16):
 *
 * - resident memory: VmRSS of the embedded platform's process (./services.ts
 *   runs `deno run -A workers/embedded.ts` as the bench's own child), read
 *   from `/proc/<pid>/status` once every wrk scenario, the events and the
 *   checkout have run, and again once it has been quiet for
 *   {@linkcode settleMs} (the figure judged: V8's memory reducer gives the
 *   load's garbage back some 8–16 s after allocation falls, which a process
 *   between bursts of traffic also gets); VmHWM is its peak over the whole run;
 * - start: from spawning that process on an empty data directory to its
 *   first 200 on `/health` — what `deno task start` does, the web build check
 *   included. The cold platform, started next on an empty directory of its
 *   own, is a second sample.
 *
 * These are absolute figures, not ratios: the targets are the issue's, and a
 * loaded machine starts slower, so compare runs made on a quiet one.
 *
 * @module
 */
/** The figures of this section; null where they could not be read (no `/proc`). */
export interface FootprintReport {
  /** VmRSS of the platform as the load ended, in MB. */
  residentMb: number | null;
  /** VmRSS once the platform was quiet for {@linkcode settleMs}, in MB (judged). */
  settledResidentMb: number | null;
  /** VmHWM: the platform's peak resident memory over the run, in MB. */
  peakResidentMb: number | null;
  /** Spawn → healthy of each fresh start on an empty data directory, in seconds. */
  startSec: number[];
  /** The CPU time each of those processes had used when healthy, in seconds (Linux). */
  startCpuSec: (number | null)[];
  targets: { residentMb: number; startSec: number };
}

/** The targets: ≤ 400 MB after a full bench run, healthy ≤ 5 s after a fresh start. */
export const footprintTargets = { residentMb: 400, startSec: 5 };

/** How long the platform is left quiet before its settled memory is read. */
export const settleMs = 25_000;

/** Reads `fields` (kB lines such as `VmRSS`) of a process from `/proc/<pid>/status`, in MB. */
export async function processMemoryMb(
  pid: number,
  fields: string[],
): Promise<Map<string, number> | null> {
  let status: string;
  try {
    status = await Deno.readTextFile(`/proc/${pid}/status`);
  } catch {
    return null;
  }
  const values = new Map<string, number>();
  for (const line of status.split("\n")) {
    const match = /^(\w+):\s+(\d+) kB$/.exec(line);
    if (match && fields.includes(match[1])) values.set(match[1], Number(match[2]) / 1024);
  }
  return values;
}

/**
 * The CPU time (user + system) a process has used so far, in ms, from
 * `/proc/<pid>/stat`; null where there is no `/proc`. Beside a wall time
 * taken on a busy machine, it shows what the same start costs on a quiet one.
 */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const clockTicksPerSec = 100;
  return (Number(fields[11]) + Number(fields[12])) * 1000 / clockTicksPerSec;
}

/** A started service, as ./services.ts describes it. */
interface StartedProcess {
  pid: number;
  readyAfterMs?: number;
  readyCpuMs?: number;
}

/** Reads the platform's memory now, and the start times of the fresh platforms given. */
export async function measureFootprint(
  platform: StartedProcess,
  ...freshStarts: (StartedProcess | undefined)[]
): Promise<FootprintReport> {
  const atLoadEnd = await processMemoryMb(platform.pid, ["VmRSS"]);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const memory = await processMemoryMb(platform.pid, ["VmRSS", "VmHWM"]);
  const started = [platform, ...freshStarts].filter((service) =>
    service?.readyAfterMs !== undefined
  ) as Required<StartedProcess>[];
  return {
    residentMb: atLoadEnd?.get("VmRSS") ?? null,
    settledResidentMb: memory?.get("VmRSS") ?? null,
    peakResidentMb: memory?.get("VmHWM") ?? null,
    startSec: started.map((service) => service.readyAfterMs / 1000),
    startCpuSec: started.map((service) =>
      service.readyCpuMs === undefined ? null : service.readyCpuMs / 1000
    ),
    targets: footprintTargets,
  };
}

/** The section as Markdown. */
export function renderFootprint(footprint: FootprintReport): string {
  const { residentMb, settledResidentMb, peakResidentMb, startSec, startCpuSec, targets } =
    footprint;
  const mb = (value: number | null) =>
    value === null ? "not read (no /proc)" : `${value.toFixed(0)} MB`;
  const verdict = (value: number | null | undefined, target: number) =>
    value === null || value === undefined ? "—" : value <= target ? "pass" : "miss";
  const start = (index: number) => {
    const cpu = startCpuSec[index];
    return `${startSec[index].toFixed(1)} s` +
      (cpu === null || cpu === undefined ? "" : ` (${cpu.toFixed(1)} s CPU)`);
  };
  return [
    "### Memory and start",
    "",
    "| figure | value | target | result |",
    "| --- | --- | --- | --- |",
    `| embedded platform resident memory after the load, quiet ${settleMs / 1000} s (VmRSS) | ` +
    `${mb(settledResidentMb)} | ≤ ${targets.residentMb} MB | ` +
    `${verdict(settledResidentMb, targets.residentMb)} |`,
    `| the same as the load ended | ${mb(residentMb)} | — | — |`,
    `| its peak over the run (VmHWM) | ${mb(peakResidentMb)} | — | — |`,
    `| fresh start on an empty data directory → healthy \`/health\` | ` +
    `${startSec.length === 0 ? "—" : start(0)} | ≤ ${targets.startSec} s | ` +
    `${verdict(startSec[0], targets.startSec)} |`,
    ...startSec.slice(1).map((_, i) =>
      `| another fresh start (the cold platform) | ${start(i + 1)} | — | — |`
    ),
    "",
  ].join("\n");
}
