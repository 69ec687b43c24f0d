/**
 * Memory and start for `deno task bench` (issue 16):
 *
 * - resident memory: VmRSS of the embedded platform's process (./services.ts
 *   runs `deno run -A workers/embedded.ts` as the bench's own child), read
 *   from `/proc/<pid>/status` once every wrk scenario, the events and the
 *   checkout have run; VmHWM is its peak over the whole run;
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
import type { Service } from "./services.ts";

/** The figures of this section; null where they could not be read (no `/proc`). */
export interface FootprintReport {
  /** VmRSS of the platform after the load, in MB. */
  residentMb: number | null;
  /** VmHWM: the platform's peak resident memory over the run, in MB. */
  peakResidentMb: number | null;
  /** Spawn → healthy of each fresh start on an empty data directory, in seconds. */
  startSec: number[];
  targets: { residentMb: number; startSec: number };
}

/** The issue's targets: ≤ 400 MB after a full bench run, healthy ≤ 5 s after a fresh start. */
export const footprintTargets = { residentMb: 400, startSec: 5 };

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

/** Reads the platform's memory now, and the start times of the fresh platforms given. */
export async function measureFootprint(
  platform: Service,
  ...freshStarts: (Service | undefined)[]
): Promise<FootprintReport> {
  const memory = await processMemoryMb(platform.pid, ["VmRSS", "VmHWM"]);
  return {
    residentMb: memory?.get("VmRSS") ?? null,
    peakResidentMb: memory?.get("VmHWM") ?? null,
    startSec: [platform, ...freshStarts].flatMap((service) =>
      service?.readyAfterMs === undefined ? [] : [service.readyAfterMs / 1000]
    ),
    targets: footprintTargets,
  };
}

/** The section as Markdown. */
export function renderFootprint(footprint: FootprintReport): string {
  const { residentMb, peakResidentMb, startSec, targets } = footprint;
  const mb = (value: number | null) =>
    value === null ? "not read (no /proc)" : `${value.toFixed(0)} MB`;
  const verdict = (value: number | null | undefined, target: number) =>
    value === null || value === undefined ? "—" : value <= target ? "pass" : "miss";
  const [first, ...others] = startSec;
  return [
    "### Memory and start",
    "",
    "| figure | value | target | result |",
    "| --- | --- | --- | --- |",
    `| embedded platform resident memory after the load (VmRSS) | ${mb(residentMb)} | ` +
    `≤ ${targets.residentMb} MB | ${verdict(residentMb, targets.residentMb)} |`,
    `| its peak over the run (VmHWM) | ${mb(peakResidentMb)} | — | — |`,
    `| fresh start on an empty data directory → healthy \`/health\` | ` +
    `${first === undefined ? "—" : `${first.toFixed(1)} s`} | ≤ ${targets.startSec} s | ` +
    `${verdict(first, targets.startSec)} |`,
    ...others.map((sec) =>
      `| another fresh start (the cold platform) | ${sec.toFixed(1)} s | — | — |`
    ),
    "",
  ].join("\n");
}
