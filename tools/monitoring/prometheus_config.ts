/**
 * The repo's Prometheus configuration (grafana/prometheus/prometheus.yml)
 * made runnable on this machine: the compose addresses and token file
 * replaced by local ones, and the rule files by absolute paths. One source
 * of truth for compose, `deno task monitoring` and tests/monitoring_test.ts.
 *
 * @module
 */

/** The folder of the repo's Prometheus configuration and rules. */
export const prometheusDir = new URL("../../grafana/prometheus/", import.meta.url);

/** Where the configuration points in compose (grafana/compose.yaml). */
const compose = {
  pushgateway: "pushgateway:9091",
  platform: "host.docker.internal:8000",
  tokenFile: "/run/secrets/fitconnect_metrics_token",
};

/** What a local run changes. */
export interface LocalTargets {
  /** `host:port` of the Pushgateway. */
  pushgateway: string;
  /** `host:port` of the platform (`deno task start`), whose `/metrics` wants the token. */
  platform: string;
  /** A file holding FITCONNECT_METRICS_TOKEN. */
  tokenFile: string;
  /** Scrape and rule evaluation interval (default: the file's, 15s). */
  interval?: string;
  /** Rule files to load instead of the repo's (absolute paths). */
  ruleFiles?: string[];
}

/** The repo's prometheus.yml with local targets; throws if the file lost a known address. */
export async function localPrometheusConfig(targets: LocalTargets): Promise<string> {
  let text = await Deno.readTextFile(new URL("prometheus.yml", prometheusDir));
  const replace = (from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`Cannot localise prometheus.yml: no "${from}"`);
    text = text.replaceAll(from, to);
  };
  replace(`"${compose.pushgateway}"`, JSON.stringify(targets.pushgateway));
  replace(`"${compose.platform}"`, JSON.stringify(targets.platform));
  replace(compose.tokenFile, targets.tokenFile);
  const rules = targets.ruleFiles ??
    ["recording.yml", "alerts.yml"].map((file) => new URL(`rules/${file}`, prometheusDir).pathname);
  text = text.replace(
    /^rule_files:\n(?: {2}- .*\n)+/m,
    `rule_files:\n${rules.map((path) => `  - ${JSON.stringify(path)}\n`).join("")}`,
  );
  if (targets.interval) {
    replace("scrape_interval: 15s", `scrape_interval: ${targets.interval}`);
    replace("evaluation_interval: 15s", `evaluation_interval: ${targets.interval}`);
  }
  return text;
}
