/**
 * The monitoring configuration as code, checked without running it
 * (tests/monitoring_test.ts runs it): promtool's config and rule checks and
 * the rules' unit tests; every alert documented and unit-tested with a case
 * that must not fire; the committed dashboards built from the current code,
 * each panel with a unit and the provisioned datasource.
 */
import assert from "node:assert/strict";
import { isCI } from "../shared/testing/services.ts";
import { staleDashboards } from "../grafana/src/build.ts";
import { dashboards } from "../grafana/src/mod.ts";
import { datasource } from "../grafana/src/panels.ts";
import { localPrometheusConfig, prometheusDir } from "../tools/monitoring/prometheus_config.ts";
import { missingBinaries } from "../tools/monitoring/servers.ts";

const grafanaDir = new URL("../grafana/", import.meta.url);
const promtoolMissing = (await missingBinaries(["promtool"])).length > 0;

async function promtool(...args: string[]): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command("promtool", {
    args,
    cwd: prometheusDir.pathname,
  }).output();
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.ok(success, `promtool ${args.join(" ")}:\n${text}`);
  return text;
}

/** Each rule of a rule file: its kind, name and text. */
async function rulesOf(file: string) {
  const text = await Deno.readTextFile(new URL(`rules/${file}`, prometheusDir));
  return text.split(/(?=^ {6}- (?:alert|record): )/m).slice(1).map((rule) => {
    const [, kind, name] = /^ {6}- (alert|record): (\S+)$/m.exec(rule)!;
    return { kind, name, text: rule };
  });
}

/** GitHub's anchor of a Markdown heading. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\- ]/g, "").replaceAll(" ", "-");
}

Deno.test({
  name: "[monitoring] promtool checks the configuration and the rules, and runs their tests",
  ignore: promtoolMissing && !isCI(),
}, async (t) => {
  assert.equal(promtoolMissing, false, "apt-get install prometheus (it brings promtool)");
  await t.step("check config: the file as committed, and as run locally", async () => {
    await promtool("check", "config", "--syntax-only", "prometheus.yml");
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/token`, "a-token-of-sixteen-characters");
      await Deno.writeTextFile(
        `${dir}/prometheus.yml`,
        await localPrometheusConfig({
          pushgateway: "127.0.0.1:9091",
          platform: "127.0.0.1:8000",
          tokenFile: `${dir}/token`,
        }),
      );
      assert.match(
        await promtool("check", "config", `${dir}/prometheus.yml`),
        /2 rule files found/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
  await t.step("check rules", async () => {
    await promtool("check", "rules", "rules/recording.yml", "rules/alerts.yml");
  });
  await t.step("test rules", async () => {
    const tests = [];
    for await (const entry of Deno.readDir(new URL("tests/", prometheusDir))) {
      if (entry.name.endsWith(".yml")) tests.push(`tests/${entry.name}`);
    }
    assert.ok(tests.length >= 2);
    await promtool("test", "rules", ...tests.sort());
  });
});

Deno.test("[monitoring] every alert is documented and tested, firing and not", async () => {
  const runbook = await Deno.readTextFile(new URL("RUNBOOK.md", grafanaDir));
  const anchors = new Set([...runbook.matchAll(/^## (.+)$/gm)].map((m) => anchorOf(m[1])));
  const alertTests = await Deno.readTextFile(new URL("tests/alerts_test.yml", prometheusDir));
  const recordingTests = await Deno.readTextFile(
    new URL("tests/recording_test.yml", prometheusDir),
  );
  const alerts = await rulesOf("alerts.yml");
  assert.ok(alerts.length >= 12, `${alerts.length} alerts`);
  for (const alert of alerts) {
    assert.match(alert.text, /^ {10}summary: /m, `${alert.name}: summary`);
    assert.match(alert.text, /^ {10}description: /m, `${alert.name}: description`);
    assert.match(alert.text, /^ {10}severity: (page|ticket)$/m, `${alert.name}: severity`);
    const anchor = /^ {10}runbook_url: grafana\/RUNBOOK\.md#(\S+)$/m.exec(alert.text)?.[1];
    assert.ok(anchor && anchors.has(anchor), `${alert.name}: runbook section #${anchor}`);
    // A case where it fires (exp_alerts with labels) and one where it must not (exp_alerts: []).
    const cases = alertTests.split(/(?=^ {6}- eval_time: )/m)
      .filter((block) => block.includes(`alertname: ${alert.name}\n`));
    assert.ok(cases.some((block) => /exp_labels:/.test(block)), `${alert.name}: no firing case`);
    assert.ok(
      cases.some((block) => /exp_alerts: \[\]/.test(block)),
      `${alert.name}: no quiet case`,
    );
  }
  for (const rule of await rulesOf("recording.yml")) {
    assert.match(recordingTests, new RegExp(`expr: ${rule.name.replaceAll(":", "\\:")}\\n`));
  }
});

Deno.test("[monitoring] the committed dashboards are what the code builds", async () => {
  assert.deepEqual(await staleDashboards(), [], "run: deno task grafana:build");
});

Deno.test("[monitoring] every dashboard panel has a unit, the datasource and queries", () => {
  const built = dashboards();
  assert.equal(Object.keys(built).length, 6);
  for (const [file, dashboard] of Object.entries(built)) {
    assert.ok((dashboard.links ?? []).length > 0, `${file}: links to the other dashboards`);
    for (const panel of dashboard.panels ?? []) {
      if (panel.type === "row") continue;
      const where = `${file} "${"title" in panel ? panel.title : "?"}"`;
      assert.ok("fieldConfig" in panel && panel.fieldConfig?.defaults?.unit, `${where}: unit`);
      assert.deepEqual("datasource" in panel && panel.datasource, datasource, `${where}`);
      assert.ok("targets" in panel && (panel.targets ?? []).length > 0, `${where}: queries`);
    }
  }
  const variables = (file: string) =>
    (built[file].templating?.list ?? []).map((variable) => variable.name);
  assert.deepEqual(variables("overview.json"), ["worker", "route"]);
  assert.deepEqual(variables("security.json"), ["worker", "route"]);
  assert.deepEqual(variables("async.json"), ["worker"]);
  assert.deepEqual(variables("runtime.json"), ["worker"]);
  // Where every panel is per worker, every panel follows the choice of workers.
  for (const file of ["async.json", "runtime.json"]) {
    for (const panel of built[file].panels ?? []) {
      if (panel.type === "row" || !("targets" in panel)) continue;
      const exprs = (panel.targets ?? []).map((target) => (target as { expr?: string }).expr);
      const where = `${file} "${"title" in panel ? panel.title : "?"}"`;
      assert.ok(exprs.every((expr) => expr?.includes("$worker")), `${where}: $worker unused`);
    }
  }
});

Deno.test("[monitoring] compose provisions Grafana from this folder", async () => {
  const read = (path: string) => Deno.readTextFile(new URL(path, grafanaDir));
  const compose = await read("compose.yaml");
  const source = await read("provisioning/datasources/prometheus.yaml");
  const provider = await read("provisioning/dashboards/fitconnect.yaml");
  // The dashboards' datasource is the provisioned one.
  assert.match(source, new RegExp(`^ {4}uid: ${datasource.uid}$`, "m"));
  assert.match(source, /^ {4}url: http:\/\/prometheus:9090$/m);
  // Grafana reads the dashboards where compose mounts them.
  const path = /^ {6}path: (\S+)$/m.exec(provider)?.[1];
  assert.ok(path && compose.includes(`./dashboards:${path}:ro`), `provider path ${path}`);
  // Every folder compose mounts exists, and Prometheus gets the token where its config reads it.
  for (const [, folder] of compose.matchAll(/- \.\/(\w+):/g)) {
    assert.ok((await Deno.stat(new URL(folder, grafanaDir))).isDirectory, folder);
  }
  const config = await Deno.readTextFile(new URL("prometheus.yml", prometheusDir));
  assert.match(config, /credentials_file: \/run\/secrets\/fitconnect_metrics_token$/m);
  assert.match(compose, /secrets: \[fitconnect_metrics_token\]/);
});
