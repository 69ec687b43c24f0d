/**
 * `deno task monitoring`: a Pushgateway and Prometheus from Debian's packages
 * (installed with apt-get when missing), configured from grafana/prometheus/,
 * for the platform of `deno task start` on this machine. Prints where to
 * look and how to start the platform so that it pushes and can be scraped.
 * Ctrl-C stops both.
 *
 * @module
 */
import { cliValues, wholeNumberFlag } from "../cli.ts";
import { localPrometheusConfig } from "./prometheus_config.ts";
import {
  installBinaries,
  missingBinaries,
  type MonitoringServer,
  startPrometheus,
  startPushgateway,
} from "./servers.ts";

const usage = `deno task monitoring [options]

Starts a Prometheus Pushgateway and Prometheus (Debian's prometheus and
prometheus-pushgateway packages, installed with apt-get when missing) with
the repo's configuration (grafana/prometheus/), next to \`deno task start\`.

Options:
  --prometheus-port N   Prometheus's port (default 9090)
  --pushgateway-port N  the Pushgateway's port (default 9091)
  --platform HOST:PORT  where \`deno task start\` listens (default 127.0.0.1:8000)
  --data-dir DIR        Prometheus's data and the token file (default .data/monitoring)
  --help                this text

The platform's /metrics wants a bearer token: FITCONNECT_METRICS_TOKEN from
the environment, or one generated once and kept in <data-dir>/metrics_token.`;

const spec = {
  usage,
  options: {
    "prometheus-port": { type: "string", default: "9090" },
    "pushgateway-port": { type: "string", default: "9091" },
    platform: { type: "string", default: "127.0.0.1:8000" },
    "data-dir": { type: "string", default: ".data/monitoring" },
  },
} as const;

/** The token Prometheus sends to `/metrics`: the environment's, or one kept in `file`. */
async function metricsToken(file: string): Promise<string> {
  const given = Deno.env.get("FITCONNECT_METRICS_TOKEN");
  if (given) return given;
  try {
    return (await Deno.readTextFile(file)).trim();
  } catch {
    const token = crypto.randomUUID().replaceAll("-", "");
    await Deno.writeTextFile(file, token, { mode: 0o600 });
    return token;
  }
}

if (import.meta.main) {
  const values = cliValues(Deno.args, spec);
  const prometheusPort = wholeNumberFlag(
    "prometheus-port",
    values["prometheus-port"],
    [1, 65535],
    usage,
  );
  const pushgatewayPort = wholeNumberFlag("pushgateway-port", values["pushgateway-port"], [
    1,
    65535,
  ], usage);
  const dataDir = values["data-dir"];
  await Deno.mkdir(`${dataDir}/prometheus`, { recursive: true });

  const missing = await missingBinaries(["prometheus", "prometheus-pushgateway"]);
  if (missing.length > 0) {
    console.log(`Installing ${missing.join(", ")} with apt-get...`);
    await installBinaries(missing);
  }

  const tokenFile = await Deno.realPath(dataDir) + "/metrics_token";
  const token = await metricsToken(tokenFile);
  await Deno.writeTextFile(tokenFile, token, { mode: 0o600 });
  const configFile = `${dataDir}/prometheus.yml`;
  await Deno.writeTextFile(
    configFile,
    await localPrometheusConfig({
      pushgateway: `127.0.0.1:${pushgatewayPort}`,
      platform: values.platform,
      tokenFile,
    }),
  );

  const started: MonitoringServer[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((server) => server.stop()));
  };
  try {
    started.push(await startPushgateway(pushgatewayPort, `${dataDir}/pushgateway.log`));
    started.push(
      await startPrometheus({
        port: prometheusPort,
        configFile,
        dataDir: `${dataDir}/prometheus`,
        logFile: `${dataDir}/prometheus.log`,
      }),
    );
  } catch (error) {
    await stopAll();
    console.error(error instanceof Error ? error.message : error);
    Deno.exit(1);
  }
  const [pushgateway, prometheus] = started;
  console.log(`Monitoring is running:
  Prometheus   ${prometheus.url}  (alerts: ${prometheus.url}/alerts, targets: ${prometheus.url}/targets)
  Pushgateway  ${pushgateway.url}
  Logs         ${dataDir}/prometheus.log, ${dataDir}/pushgateway.log

Start the platform so that it pushes and can be scraped:
  PUSHGATEWAY_URL=${pushgateway.url} FITCONNECT_METRICS_TOKEN=$(cat ${tokenFile}) deno task start

Dashboards need Grafana (not packaged in Debian): see grafana/compose.yaml, or import
grafana/dashboards/*.json into a Grafana with a Prometheus datasource of uid "prometheus".
Ctrl-C stops Prometheus and the Pushgateway.`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, async () => {
      await stopAll();
      Deno.exit(0);
    });
  }
}
