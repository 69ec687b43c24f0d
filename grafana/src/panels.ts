/**
 * The pieces every FitConnect dashboard is built from, so the six dashboards
 * look and link alike: the Prometheus datasource, the `worker` and `route`
 * variables, the links between dashboards, and panels that always carry a
 * unit and their queries.
 *
 * Every query reads `job="fitconnect"`: the totals the metrics worker pushes
 * to the Pushgateway (see grafana/prometheus/prometheus.yml).
 *
 * @module
 */
import {
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
} from "@grafana/grafana-foundation-sdk/dashboard";
import {
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from "@grafana/grafana-foundation-sdk/common";
import { DataqueryBuilder, PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import { PanelBuilder as StatPanel } from "@grafana/grafana-foundation-sdk/stat";
import { PanelBuilder as TablePanel } from "@grafana/grafana-foundation-sdk/table";
import { PanelBuilder as TimeseriesPanel } from "@grafana/grafana-foundation-sdk/timeseries";

/** The provisioned datasource (grafana/provisioning/datasources/prometheus.yaml). */
export const datasource = { type: "prometheus", uid: "prometheus" };

/** The selector of the pushed totals. */
export const job = 'job="fitconnect"';

/** The tag every FitConnect dashboard carries; the links dropdown lists them by it. */
const tag = "fitconnect";

/** One query of a panel, with the legend of its series. */
export interface Query {
  expr: string;
  legend?: string;
}

function targets(queries: readonly Query[]) {
  return queries.map((query, i) =>
    new DataqueryBuilder()
      .expr(query.expr)
      .legendFormat(query.legend ?? "__auto")
      .refId(String.fromCharCode(65 + i))
      .datasource(datasource)
  );
}

/** What every panel says: a title, what it shows, its unit (Grafana's unit id). */
export interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  queries: readonly Query[];
  /** Grid width out of 24 (default 12). */
  span?: number;
}

/** A time series panel with a visible legend. */
export function timeseries(spec: PanelSpec) {
  const panel = new TimeseriesPanel()
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(datasource)
    .span(spec.span ?? 12)
    .height(8)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom),
    );
  for (const target of targets(spec.queries)) panel.withTarget(target);
  return panel;
}

/** A single number (the last value), for the first row of a dashboard. */
export function stat(spec: PanelSpec) {
  const panel = new StatPanel()
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(datasource)
    .span(spec.span ?? 6)
    .height(4)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false));
  for (const target of targets(spec.queries)) panel.withTarget(target);
  return panel;
}

/** A table of instant values (one row per series). */
export function table(spec: PanelSpec) {
  const panel = new TablePanel()
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(datasource)
    .span(spec.span ?? 12)
    .height(8);
  for (const target of targets(spec.queries)) {
    panel.withTarget(target.instant().format(PromQueryFormat.Table));
  }
  return panel;
}

/** A row that groups the panels after it. */
export function row(title: string) {
  return new RowBuilder(title);
}

/** `$worker`: every worker that answered a request. */
export function workerVariable() {
  return new QueryVariableBuilder("worker")
    .label("Worker")
    .datasource(datasource)
    .query(`label_values(http_requests_total{${job}}, worker)`)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .multi(true)
    .includeAll(true)
    .allValue(".*")
    .current({ text: "All", value: "$__all" });
}

/** `$route`: the route patterns of the selected workers. */
export function routeVariable() {
  return new QueryVariableBuilder("route")
    .label("Route")
    .datasource(datasource)
    .query(`label_values(http_requests_total{${job},worker=~"$worker"}, route)`)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .multi(true)
    .includeAll(true)
    .allValue(".*")
    .current({ text: "All", value: "$__all" });
}

/** A FitConnect dashboard: uid, title, what it is for, and links to the others. */
export function fitconnectDashboard(uid: string, title: string, description: string) {
  return new DashboardBuilder(`FitConnect / ${title}`)
    .uid(uid)
    .description(description)
    .tags([tag])
    .timezone("browser")
    .refresh("30s")
    .time({ from: "now-6h", to: "now" })
    .editable()
    .link(
      new DashboardLinkBuilder("FitConnect dashboards")
        .type(DashboardLinkType.Dashboards)
        .tags([tag])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
}

/** A link, shown on a panel, to the dashboard `uid` with the time range and variables kept. */
export function detailsIn(uid: string, title: string) {
  return new DashboardLinkBuilder(`Details: ${title}`)
    .type(DashboardLinkType.Link)
    .url(`/d/${uid}`)
    .includeVars(true)
    .keepTime(true);
}

/** The uids, so dashboards can link to each other by name. */
export const uids = {
  overview: "fitconnect-overview",
  product: "fitconnect-product",
  commerce: "fitconnect-commerce",
  async: "fitconnect-async",
  security: "fitconnect-security",
  runtime: "fitconnect-runtime",
} as const;
