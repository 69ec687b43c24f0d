/**
 * The platform's metric totals, durable in the key-value store (Redis in
 * production) so that every metrics-worker isolate adds to, and pushes, the
 * same numbers:
 *
 * - `totals`: one hash; a field per counter or histogram sample
 *   (`<family> <series>`), its value the sum of every reported delta. Totals
 *   only grow.
 * - `meta:<family>`: its HELP and TYPE.
 * - `gauges:<instance>`: the last gauges of one isolate, labelled with it,
 *   kept `gaugeTtlMs`: an isolate that stops reporting leaves with them.
 *   `instances` lists the isolates seen (reports per isolate); expired ones
 *   are pruned when rendering.
 * - `report:<id>:<part>`: a report's parts already added (an hour), so a
 *   retried report is not added twice.
 *
 * @module
 */
import type { KeyValueStore } from "../../shared/stores/kv/port.ts";
import { maxFieldsPerIncrement } from "../../shared/stores/kv/port.ts";
import { renderFamily, renderSeries, renderValue } from "../../shared/metrics/exposition.ts";
import type { MetricsReport, ReportedFamily } from "../../shared/metrics/report.ts";
import type { ReportSink } from "../../shared/metrics/report_route.ts";

/** How long a report id is remembered: far longer than a reporter retries one report. */
const reportIdTtlMs = 60 * 60 * 1000;

interface Meta {
  help: string;
  type: string;
}

interface StoredGauge {
  name: string;
  help: string;
  lines: string[];
}

/** The totals: a sink for reports, and their exposition. */
export interface Totals extends ReportSink {
  /** The Prometheus text of every total and every live isolate's gauges. */
  render(): Promise<string>;
}

/** Totals kept in `kv` (the metrics worker's namespace). */
export function createTotals(kv: KeyValueStore, options: { gaugeTtlMs: number }): Totals {
  // HELP and TYPE this isolate already stored: written once per family, not per report.
  const knownMeta = new Map<string, string>();

  async function storeMeta(families: ReportedFamily[]): Promise<void> {
    await Promise.all(families.map(async ({ name, help, type }) => {
      const meta = JSON.stringify({ help, type });
      if (knownMeta.get(name) === meta) return;
      await kv.set(`meta:${name}`, { help, type });
      knownMeta.set(name, meta);
    }));
  }

  async function addCounts(report: MetricsReport): Promise<boolean> {
    const deltas: [string, number][] = [];
    for (const family of report.families) {
      if (family.type === "gauge") continue;
      for (const sample of family.samples) {
        deltas.push([`${family.name} ${renderSeries(sample.name, sample.labels)}`, sample.value]);
      }
    }
    deltas.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    // In parts the store takes atomically; each part is added once, so a retry after a
    // partial failure adds only what is missing. The order is fixed, so the parts are too.
    let added = false;
    for (let part = 0; part * maxFieldsPerIncrement < deltas.length; part++) {
      const slice = deltas.slice(part * maxFieldsPerIncrement, (part + 1) * maxFieldsPerIncrement);
      const once = { key: `report:${report.id}:${part}`, ttlMs: reportIdTtlMs };
      if (await kv.incrementFields("totals", Object.fromEntries(slice), { once })) added = true;
    }
    return added;
  }

  async function storeGauges(report: MetricsReport): Promise<void> {
    const gauges: StoredGauge[] = report.families
      .filter((family) => family.type === "gauge" && family.samples.length > 0)
      .map((family) => ({
        name: family.name,
        help: family.help,
        lines: family.samples.map((sample) =>
          `${renderSeries(sample.name, { ...sample.labels, instance: report.instance })} ${
            renderValue(sample.value)
          }`
        ),
      }));
    if (gauges.length === 0) return;
    await kv.set(`gauges:${report.instance}`, gauges, { ttlMs: options.gaugeTtlMs });
    await kv.incrementFields("instances", { [report.instance]: 1 });
  }

  async function liveGauges(): Promise<StoredGauge[]> {
    const instances = Object.keys(await kv.getFields("instances"));
    const stored = await kv.getMany<StoredGauge[]>(instances.map((i) => `gauges:${i}`));
    // An isolate whose gauges expired has stopped reporting: forget it. (One that reports
    // again between this read and the delete reappears with its next report.)
    const gone = instances.filter((_, i) => stored[i] === null);
    if (gone.length > 0) await kv.deleteFields("instances", gone);
    return stored.flatMap((gauges) => gauges ?? []);
  }

  // One report at a time per isolate: reports that arrive together (every worker asked to
  // report before a push) would otherwise race for the same hash entries on Deno KV and retry
  // each other past the store's deadline. Across isolates (Redis) each add is one atomic script.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    add(report) {
      const run = queue.then(async () => {
        await storeMeta(report.families);
        const added = await addCounts(report);
        await storeGauges(report);
        return added;
      });
      queue = run.catch(() => {});
      return run;
    },

    async render() {
      const [fields, gauges] = await Promise.all([kv.getFields("totals"), liveGauges()]);
      const families = new Map<string, { help: string; type: string; lines: string[] }>();
      const familyOf = (name: string, meta: Meta) => {
        let family = families.get(name);
        if (!family) families.set(name, family = { ...meta, lines: [] });
        return family;
      };
      const byFamily = new Map<string, string[]>();
      for (const [field, value] of Object.entries(fields)) {
        const space = field.indexOf(" ");
        const name = field.slice(0, space);
        const lines = byFamily.get(name) ?? [];
        lines.push(`${field.slice(space + 1)} ${renderValue(value)}`);
        byFamily.set(name, lines);
      }
      const names = [...byFamily.keys()];
      const metas = await kv.getMany<Meta>(names.map((name) => `meta:${name}`));
      names.forEach((name, i) => {
        // A total whose meta is not stored yet waits for the next render.
        if (metas[i]) familyOf(name, metas[i]!).lines.push(...byFamily.get(name)!);
      });
      for (const gauge of gauges) {
        familyOf(gauge.name, { help: gauge.help, type: "gauge" }).lines.push(...gauge.lines);
      }
      return [...families.keys()].sort()
        .map((name) => renderFamily({ name, ...families.get(name)! }, families.get(name)!.lines))
        .join("");
    },
  };
}
