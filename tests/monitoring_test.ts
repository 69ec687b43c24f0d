/**
 * What operators see, checked against a real Pushgateway and Prometheus
 * (Debian's packages; under CI=true their absence fails, never skips):
 *
 * 1. the platform of `deno task start` (workers/embedded.ts), pushing every
 *    2 s (FITCONNECT_METRICS_PUSH_INTERVAL_MS) to a Pushgateway that a
 *    Prometheus with the repo's configuration scrapes, with the platform's
 *    own `/metrics` behind its bearer token;
 * 2. traffic through every domain (tests/support/monitoring_traffic.ts);
 * 3. every query of every committed dashboard returns data, every template
 *    variable has values, every rule of the repo is loaded and healthy;
 * 4. the alerts this traffic must fire are firing; every worker answered,
 *    and the health alerts' expressions are false.
 *
 * The suite starts its own Pushgateway rather than CI's shared one: a push
 * replaces the whole `job="fitconnect"` group, so suites running in parallel
 * would overwrite each other's totals.
 *
 * Alerts: Prometheus loads the repo's rules, with `for:` set to 0s for the
 * alerts this traffic must fire (the only change). Waiting out `for: 15m`
 * does not fit a test; the durations are proved by the promtool unit tests
 * (grafana/prometheus/tests/), which run on virtual time, and this suite
 * proves the expressions fire on real data and their annotations render.
 */
import assert from "node:assert/strict";
import { eventually } from "../shared/testing/assertions.ts";
import { freePort } from "../shared/testing/ports.ts";
import { isCI } from "../shared/testing/services.ts";
import { postJson } from "../shared/testing/requests.ts";
import { randomSecret } from "../shared/runtime/secret.ts";
import { startEmbedded } from "../workers/embedded.ts";
import { localPrometheusConfig, prometheusDir } from "../tools/monitoring/prometheus_config.ts";
import {
  missingBinaries,
  type MonitoringServer,
  startPrometheus,
  startPushgateway,
} from "../tools/monitoring/servers.ts";
import {
  driveTraffic,
  lowStockSku,
  poisonFor,
  purchase,
  retryingUnavailable,
} from "./support/monitoring_traffic.ts";

const missing = await missingBinaries(["prometheus", "prometheus-pushgateway"]);

/** The alerts this traffic must fire, and those that must stay silent. */
const mustFire = [
  "FitConnectDeadLetters",
  "FitConnectStockBelowThreshold",
  "FitConnectPaymentFailureRatio",
];
/** Health alerts whose expressions must be false now (they keep their `for:`). */
const mustBeQuiet = ["FitConnectPushgatewayStale", "FitConnectOutboxRelayLag"];

/** Every panel query and template-variable query of the committed dashboards. */
async function dashboardQueries() {
  const queries: { where: string; expr: string }[] = [];
  const variables: { where: string; query: string }[] = [];
  const dir = new URL("../grafana/dashboards/", import.meta.url);
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".json")) continue;
    const dashboard = JSON.parse(await Deno.readTextFile(new URL(entry.name, dir)));
    for (const panel of dashboard.panels ?? []) {
      for (const target of panel.targets ?? []) {
        queries.push({ where: `${entry.name} "${panel.title}"`, expr: target.expr });
      }
    }
    for (const variable of dashboard.templating?.list ?? []) {
      variables.push({ where: `${entry.name} $${variable.name}`, query: variable.query });
    }
  }
  return { queries, variables };
}

/** A dashboard expression with its variables as "All" and Grafana's intervals filled in. */
function substituted(expr: string): string {
  return expr
    .replaceAll("$worker", ".*")
    .replaceAll("$route", ".*")
    .replaceAll("$__rate_interval", "1m")
    .replaceAll("$__range", "10m");
}

/** Every rule name in the repo's rule files. */
async function ruleNames(): Promise<string[]> {
  const names = [];
  for (const file of ["recording.yml", "alerts.yml"]) {
    const text = await Deno.readTextFile(new URL(`rules/${file}`, prometheusDir));
    names.push(...[...text.matchAll(/^\s+- (?:alert|record): (\S+)$/gm)].map((m) => m[1]));
  }
  return names;
}

/**
 * The repo's rules, written into `dir`, with `for:` at 0s for the alerts in
 * `mustFire` (and only them); their absolute paths.
 */
async function rulesFiringAtOnce(dir: string): Promise<string[]> {
  const paths = [];
  for (const file of ["recording.yml", "alerts.yml"]) {
    const text = await Deno.readTextFile(new URL(`rules/${file}`, prometheusDir));
    const rules = text.split(/(?=^ {6}- (?:alert|record): )/m).map((rule) => {
      const name = /^ {6}- alert: (\S+)$/m.exec(rule)?.[1];
      return name && mustFire.includes(name) ? rule.replace(/^( +)for: \S+$/m, "$1for: 0s") : rule;
    });
    const path = `${dir}/${file}`;
    await Deno.writeTextFile(path, rules.join(""));
    paths.push(path);
  }
  return paths;
}

Deno.test({
  name: "[monitoring] dashboards, rules and alerts against a real Prometheus",
  ignore: missing.length > 0 && !isCI(),
  sanitizeResources: false,
  sanitizeOps: false,
}, async (t) => {
  assert.deepEqual(missing, [], "apt-get install prometheus prometheus-pushgateway");
  const dir = await Deno.makeTempDir({ prefix: "fitconnect-monitoring-" });
  const servers: MonitoringServer[] = [];
  let shutdown: (() => Promise<void>) | undefined;
  try {
    const pushgateway = await startPushgateway(freePort(), `${dir}/pushgateway.log`);
    servers.push(pushgateway);

    const token = randomSecret();
    const admin = { email: "ops@example.com", password: randomSecret() };
    const started = await startEmbedded({
      PORT: "0",
      LOG_LEVEL: "silent",
      FITCONNECT_DATA_DIR: `${dir}/data`,
      FITCONNECT_WEB_DIR: `${dir}/no-web`,
      PUSHGATEWAY_URL: pushgateway.url,
      FITCONNECT_METRICS_TOKEN: token,
      // Each push first asks every worker to report: no faster report timer is needed.
      FITCONNECT_METRICS_PUSH_INTERVAL_MS: "2000",
      FITCONNECT_ADMIN_EMAIL: admin.email,
      FITCONNECT_ADMIN_PASSWORD: admin.password,
    });
    shutdown = started.shutdown;
    const base = `http://127.0.0.1:${started.server.addr.port}`;
    const send = retryingUnavailable((path, init) => fetch(`${base}${path}`, init));

    await Deno.writeTextFile(`${dir}/token`, token);
    const configFile = `${dir}/prometheus.yml`;
    await Deno.writeTextFile(
      configFile,
      await localPrometheusConfig({
        pushgateway: new URL(pushgateway.url).host,
        platform: new URL(base).host,
        tokenFile: `${dir}/token`,
        // The scrape timeout is the interval: collecting the platform can take over 1 s on a
        // loaded 2-core machine.
        interval: "2s",
        ruleFiles: await rulesFiringAtOnce(dir),
      }),
    );
    const prometheus = await startPrometheus({
      port: freePort(),
      configFile,
      dataDir: `${dir}/prometheus`,
      logFile: `${dir}/prometheus.log`,
    });
    servers.push(prometheus);
    const query = async (expr: string) => {
      const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`;
      const body = await (await fetch(url)).json();
      assert.equal(body.status, "success", `${expr}: ${JSON.stringify(body)}`);
      return body.data.result as { metric: Record<string, string>; value: [number, string] }[];
    };
    const api = async (path: string) =>
      (await (await fetch(`${prometheus.url}${path}`)).json()).data;

    const login = await send("/v1/auth/login", postJson(admin));
    assert.equal(login.status, 200);
    const { accessToken: adminToken } = await login.json();
    const { shopperToken } = await driveTraffic(send, {
      adminToken,
      poison: poisonFor(started.platform),
    });

    await t.step(
      "the pushed totals reach Prometheus, and /metrics is scraped with its token",
      async () => {
        await eventually(
          "the declined payment in Prometheus",
          () => query(`fitconnect_payments_total{job="fitconnect",status="failed"}`),
          (result) => result.length > 0,
          60_000,
        ).catch(async (error) => {
          // Say what the Pushgateway holds: no push at all, or a push without the total.
          const pushed = await (await fetch(`${pushgateway.url}/metrics`)).text();
          const lines = pushed.split("\n").filter((line) =>
            /^(fitconnect_payments_total|push_time_seconds|fitconnect_worker_up)/.test(line)
          );
          const targets = await api("/api/v1/targets");
          throw new Error(
            `${error.message}\nPushgateway:\n${lines.join("\n") || "(nothing)"}\nTargets: ` +
              JSON.stringify(targets.activeTargets.map((target: Record<string, unknown>) => [
                target.scrapeUrl,
                target.health,
                target.lastError,
              ])),
          );
        });
        // A scrape of /metrics with the token succeeded (a 401 would leave `up` at 0).
        await eventually(
          "a scrape of the platform's /metrics",
          () => query(`max_over_time(up{job="fitconnect-metrics"}[5m])`),
          (result) => result.length === 1 && result[0].value[1] === "1",
          30_000,
        );
        const pushgatewayUp = await query(`up{job="pushgateway"}`);
        assert.deepEqual(pushgatewayUp.map((sample) => sample.value[1]), ["1"]);
      },
    );

    // Counters that appeared during the first round have no rate yet: a second round moves them.
    for (let i = 0; i < 3; i++) {
      await purchase(
        send,
        shopperToken,
        { items: [{ sku: lowStockSku, quantity: 1 }] },
        "pm_card_chargeDeclined",
        "failed",
      );
    }
    await eventually(
      "the second round's declines in Prometheus",
      () => query(`increase(fitconnect_payments_total{job="fitconnect",status="failed"}[1m])`),
      (result) => result.some((sample) => Number(sample.value[1]) >= 3),
      60_000,
    );

    await t.step("every rule is loaded and healthy", async () => {
      const expected = await ruleNames();
      const rules = await eventually(
        "every rule evaluated",
        async () =>
          (await api("/api/v1/rules")).groups.flatMap((group: { rules: unknown[] }) => group.rules),
        (rules: { health: string }[]) => rules.every((rule) => rule.health !== "unknown"),
        30_000,
      ) as { name: string; health: string; lastError?: string }[];
      assert.deepEqual(rules.map((rule) => rule.name).sort(), [...expected].sort());
      const unhealthy = rules.filter((rule) => rule.health !== "ok");
      assert.deepEqual(unhealthy, []);
    });

    await t.step("every dashboard query returns data", async () => {
      const { queries, variables } = await dashboardQueries();
      assert.ok(queries.length >= 40, `only ${queries.length} queries`);
      const emptyQueries = async () => {
        const empty: string[] = [];
        for (const { where, expr } of queries) {
          const result = await query(substituted(expr));
          if (result.length === 0) empty.push(`${where}: ${expr}`);
        }
        return empty;
      };
      // A worker's report that failed on a loaded machine is sent again: give it a few pushes.
      await eventually(
        "every query to return data",
        emptyQueries,
        (empty) => empty.length === 0,
        30_000,
      );
      for (const { where, query: variable } of variables) {
        const [, selector, label] = /^label_values\((.*), (\w+)\)$/.exec(variable) ?? [];
        assert.ok(selector, `${where}: ${variable}`);
        const values = await api(
          `/api/v1/label/${label}/values?match[]=${encodeURIComponent(substituted(selector))}`,
        );
        assert.ok(values.length > 0, `${where}: no values`);
      }
    });

    await t.step("the alerts this traffic causes fire; the platform is healthy", async () => {
      const alerts = await eventually(
        `${mustFire.join(", ")} firing`,
        async () =>
          (await api("/api/v1/alerts")).alerts as {
            labels: Record<string, string>;
            annotations: Record<string, string>;
            state: string;
          }[],
        (alerts) =>
          mustFire.every((name) =>
            alerts.some((alert) => alert.labels.alertname === name && alert.state === "firing")
          ),
        30_000,
      );
      const dead = alerts.find((alert) => alert.labels.alertname === "FitConnectDeadLetters")!;
      assert.deepEqual(
        { type: dead.labels.type, consumer: dead.labels.consumer },
        { type: "SessionLogged", consumer: "analytics" },
      );
      assert.match(dead.annotations.runbook_url, /RUNBOOK\.md#dead-letters-present$/);
      const stock = alerts.find((alert) =>
        alert.labels.alertname === "FitConnectStockBelowThreshold"
      )!;
      assert.equal(stock.labels.sku, lowStockSku);
      // Healthy: every worker answered a collection, and the health alerts' expressions are false.
      const answered = await query(
        `min by (target) (max_over_time(fitconnect_worker_up{job="fitconnect"}[5m]))`,
      );
      assert.ok(answered.length >= 9, `${answered.length} workers`);
      assert.deepEqual(answered.filter((sample) => sample.value[1] !== "1"), []);
      const rules = (await api("/api/v1/rules")).groups
        .flatMap((group: { rules: unknown[] }) => group.rules) as { name: string; query: string }[];
      for (const name of mustBeQuiet) {
        const rule = rules.find((rule) => rule.name === name)!;
        assert.deepEqual(await query(rule.query), [], name);
      }
    });
  } finally {
    await shutdown?.();
    await Promise.all(servers.map((server) => server.stop()));
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
