/**
 * Overview: the first dashboard on call. RED per worker and route (rate,
 * 5xx ratio, p50/p95/p99) and how fast each worker burns its SLO budgets;
 * each domain dashboard is one click away (panel links, and the dropdown).
 *
 * @module
 */
import {
  detailsIn,
  fitconnectDashboard,
  job,
  routeVariable,
  row,
  stat,
  timeseries,
  uids,
  workerVariable,
} from "./panels.ts";

const selected = `${job},worker=~"$worker",route=~"$route"`;
const requests = `http_requests_total{${selected}}`;
const errors = `http_requests_total{${selected},status=~"5.."}`;
const buckets = `http_request_duration_seconds_bucket{${selected}}`;

/** The 5xx ratio of `by` (a worker without 5xx reads 0, not "no data"). */
function errorRatio(by: string): string {
  const all = `sum by (${by}) (rate(${requests}[$__rate_interval]))`;
  return `(sum by (${by}) (rate(${errors}[$__rate_interval])) or ${all} * 0) / ${all}`;
}

function quantile(q: number, by: string): string {
  return `histogram_quantile(${q}, sum by (${by}, le) (rate(${buckets}[$__rate_interval])))`;
}

/** The Overview dashboard. */
export function overviewDashboard() {
  return fitconnectDashboard(
    uids.overview,
    "Overview",
    "RED per worker and route, and SLO burn: start here, then follow a panel's link.",
  )
    .withVariable(workerVariable())
    .withVariable(routeVariable())
    .withRow(row("Service level"))
    .withPanel(stat({
      title: "Requests",
      description: "Requests answered per second by the selected workers and routes.",
      unit: "reqps",
      queries: [{ expr: `sum(rate(${requests}[$__rate_interval]))`, legend: "requests" }],
    }))
    .withPanel(stat({
      title: "5xx ratio",
      description: "Share of the requests answered with a 5xx (the availability SLO allows 0.1 %).",
      unit: "percentunit",
      queries: [{
        expr: `(sum(rate(${errors}[$__rate_interval])) or vector(0)) / ` +
          `sum(rate(${requests}[$__rate_interval]))`,
        legend: "5xx",
      }],
    }))
    .withPanel(stat({
      title: "Worst availability burn (1 h)",
      description: "The highest error-budget burn rate of a worker over 1 h; 14.4 pages.",
      unit: "suffix:×",
      queries: [{
        expr: `max(worker:http_request_errors:ratio_rate1h{worker=~"$worker"}) / 0.001`,
        legend: "burn",
      }],
    }))
    .withPanel(stat({
      title: "Worst latency burn (1 h)",
      description:
        "The highest latency-budget burn rate of a worker over 1 h (SLO: 99 % ≤ 250 ms).",
      unit: "suffix:×",
      queries: [{
        expr: `max(worker:http_request_slow:ratio_rate1h{worker=~"$worker"}) / 0.01`,
        legend: "burn",
      }],
    }))
    .withRow(row("Per worker"))
    .withPanel(
      timeseries({
        title: "Request rate by worker",
        description: "Requests answered per second.",
        unit: "reqps",
        queries: [{
          expr: `sum by (worker) (rate(${requests}[$__rate_interval]))`,
          legend: "{{worker}}",
        }],
      }).links([detailsIn(uids.runtime, "Runtime")]),
    )
    .withPanel(timeseries({
      title: "5xx ratio by worker",
      description: "Share of each worker's requests answered with a 5xx.",
      unit: "percentunit",
      queries: [{ expr: errorRatio("worker"), legend: "{{worker}}" }],
    }))
    .withPanel(timeseries({
      title: "Latency by worker",
      description: "p50, p95 and p99 of the time to answer, per worker.",
      unit: "s",
      queries: [0.5, 0.95, 0.99].map((q) => ({
        expr: quantile(q, "worker"),
        legend: `{{worker}} p${q * 100}`,
      })),
    }))
    .withPanel(timeseries({
      title: "SLO burn rate by worker (1 h)",
      description: "Error-budget burn rates: 1 spends the 30-day budget in 30 days; 14.4 pages.",
      unit: "suffix:×",
      queries: [
        {
          expr: `worker:http_request_errors:ratio_rate1h{worker=~"$worker"} / 0.001`,
          legend: "{{worker}} availability",
        },
        {
          expr: `worker:http_request_slow:ratio_rate1h{worker=~"$worker"} / 0.01`,
          legend: "{{worker}} latency",
        },
      ],
    }))
    .withRow(row("Per route"))
    .withPanel(
      timeseries({
        title: "Request rate by route",
        description: "Requests answered per second, by worker and route pattern.",
        unit: "reqps",
        queries: [{
          expr: `sum by (worker, route) (rate(${requests}[$__rate_interval]))`,
          legend: "{{worker}} {{route}}",
        }],
      }).links([detailsIn(uids.security, "Security (401, 403, 429 per route)")]),
    )
    .withPanel(timeseries({
      title: "5xx ratio by route",
      description: "Share of each route's requests answered with a 5xx.",
      unit: "percentunit",
      queries: [{ expr: errorRatio("worker, route"), legend: "{{worker}} {{route}}" }],
    }))
    .withPanel(timeseries({
      title: "p99 latency by route",
      description: "The slowest 1 % of each route (the p99 alert fires above 1 s).",
      unit: "s",
      queries: [{ expr: quantile(0.99, "worker, route"), legend: "{{worker}} {{route}}" }],
    }))
    .withPanel(
      timeseries({
        title: "Workers answering",
        description: "1 when the metrics worker reached the worker at its last collection.",
        unit: "bool_yes_no",
        queries: [{
          expr: `max by (target) (fitconnect_worker_up{${job}})`,
          legend: "{{target}}",
        }],
      }).links([
        detailsIn(uids.product, "Product"),
        detailsIn(uids.commerce, "Commerce"),
        detailsIn(uids.async, "Async"),
      ]),
    );
}
