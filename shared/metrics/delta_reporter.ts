/**
 * One isolate's reporter: it sends the deltas of its registries to the
 * metrics worker (./delta.ts computes them) when flushed — on a timer, when
 * the metrics worker asks, and at shutdown.
 *
 * Nothing is lost to a failed send: the report is kept and sent again, with
 * the same id (the metrics worker adds a report once), before anything newer;
 * what is recorded meanwhile waits in the registries for the next report. A
 * report that was refused (4xx) or failed `maxAttempts` times is dropped and
 * counted in `fitconnect_metrics_reports_dropped_total`, itself reported with
 * the next report.
 *
 * @module
 */
import { Counter, Registry } from "prom-client";
import type { Logger } from "../logging/logger.ts";
import { describeError } from "../logging/describe_error.ts";
import { type Baseline, computeDelta } from "./delta.ts";
import type { MetricsReport } from "./report.ts";

/** A refusal by the metrics worker: sending the same report again cannot help. */
export class ReportRefused extends Error {
  constructor(status: number, detail: string) {
    super(`The metrics worker refused the report: ${status} ${detail.slice(0, 200)}`);
    this.name = "ReportRefused";
  }
}

/** What a reporter needs. */
export interface DeltaReporterOptions {
  worker: string;
  /** The isolate's registries; read when a report is made. */
  registries: Registry[];
  /** Delivers a report; throws when it may not have arrived, ReportRefused when it never will. */
  send(report: MetricsReport): Promise<void>;
  /** The isolate's name (default: the worker and 8 random hex digits). */
  instance?: string;
  /**
   * Sends of one report before it is dropped (default 30: minutes of outage at the default
   * interval). A bound, so one report the metrics worker cannot take never blocks the rest.
   */
  maxAttempts?: number;
  log?: Logger;
}

/** A reporter of one isolate. */
export interface DeltaReporter {
  readonly instance: string;
  /**
   * Sends what changed since the last report (a report still unsent goes
   * first); one flush at a time. Rejects when a report could not be sent now.
   */
  flush(): Promise<void>;
}

interface Pending {
  report: MetricsReport;
  snapshot: Map<string, number>;
  attempts: number;
}

/** A reporter over `options.registries`, plus its own dropped-report counter. */
export function createDeltaReporter(options: DeltaReporterOptions): DeltaReporter {
  const instance = options.instance ??
    `${options.worker}-${crypto.randomUUID().replaceAll("-", "").slice(0, 8)}`;
  const maxAttempts = options.maxAttempts ?? 30;
  const own = new Registry();
  own.setDefaultLabels({ worker: options.worker });
  const dropped = new Counter({
    name: "fitconnect_metrics_reports_dropped_total",
    help: "Metrics reports an isolate gave up on (refused, or failed every attempt): " +
      "what they carried is missing from the totals.",
    registers: [own],
  });
  const registries = [...options.registries, own];
  let baseline: Baseline = new Map();
  let pending: Pending | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Sends the pending report; true once it is acknowledged or dropped. */
  async function sendPending(current: Pending): Promise<void> {
    try {
      current.attempts++;
      await options.send(current.report);
    } catch (error) {
      if (!(error instanceof ReportRefused) && current.attempts < maxAttempts) throw error;
      // Given up: its amounts are counted as dropped, never sent twice.
      dropped.inc();
      options.log?.warn("metrics report dropped", {
        instance,
        attempts: current.attempts,
        error: describeError(error),
      });
    }
    baseline = current.snapshot;
    pending = undefined;
  }

  async function flushOnce(): Promise<void> {
    if (pending) await sendPending(pending);
    const current = await Promise.all(registries.map((registry) => registry.getMetricsAsJSON()));
    const { families, snapshot } = computeDelta(current, baseline);
    if (families.length === 0) return;
    pending = { report: { id: crypto.randomUUID(), instance, families }, snapshot, attempts: 0 };
    await sendPending(pending);
  }

  return {
    instance,
    flush() {
      const run = queue.then(flushOnce);
      queue = run.catch(() => {});
      return run;
    },
  };
}
