/**
 * The command line of `deno task bench`: its sections, the load shape of the
 * wrk runs, and the usage `--help` prints.
 *
 * @module
 */
import { parseArgs } from "node:util";

/** The load shape shared by every run. */
export interface LoadSettings {
  durationSec: number;
  connections: number;
  threads: number;
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`Cannot parse ${name}: "${value}" is not a positive whole number`);
  }
  return parsed;
}

/** The parts of the benchmark `--only` can pick. */
export const sections = ["api", "roundtrips", "web"] as const;
/** One part of the benchmark. */
export type Section = typeof sections[number];

/** What `--help` prints. */
export const usage = `usage: deno task bench [options]

  --only <section>     run one section: api (wrk scenarios, events, checkout), roundtrips
                       (database and key-value round trips per request, production adapters
                       on DATABASE_URL and REDIS_URL 20 ms away; skipped without them) or
                       web (initial JS, time to interactive, Lighthouse); default: all three
  --duration <s>       seconds per wrk run (default 8, or BENCH_DURATION)
  --connections <n>    wrk connections (default 50)
  --threads <n>        wrk threads (default 2)
  --help               this text

Writes bench/results/latest.json and latest.md (only the sections that ran).`;

/** What the command line asks for. */
export interface BenchFlags {
  load: LoadSettings;
  sections: Section[];
  help: boolean;
}

/** Reads the flags, falling back to BENCH_DURATION and then the defaults. */
export function parseFlags(args: string[], benchDuration?: string): BenchFlags {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: "string" },
      connections: { type: "string" },
      threads: { type: "string" },
      only: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const only = values.only;
  if (only !== undefined && !(sections as readonly string[]).includes(only)) {
    throw new Error(`Cannot parse --only: "${only}" is not one of ${sections.join(", ")}`);
  }
  return {
    load: {
      durationSec: positiveInteger(values.duration ?? benchDuration, 8, "--duration"),
      connections: positiveInteger(values.connections, 50, "--connections"),
      threads: positiveInteger(values.threads, 2, "--threads"),
    },
    sections: only ? [only as Section] : [...sections],
    help: values.help ?? false,
  };
}
