/**
 * Every FitConnect dashboard, by the file its JSON goes to in
 * grafana/dashboards/ (./build.ts writes them; tests check them).
 *
 * @module
 */
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { asyncDashboard } from "./async.ts";
import { commerceDashboard } from "./commerce.ts";
import { overviewDashboard } from "./overview.ts";
import { productDashboard } from "./product.ts";
import { runtimeDashboard } from "./runtime.ts";
import { securityDashboard } from "./security.ts";

/** File name → the dashboard, in the order an on-call engineer reads them. */
export function dashboards(): Record<string, Dashboard> {
  return {
    "overview.json": overviewDashboard().build(),
    "product.json": productDashboard().build(),
    "commerce.json": commerceDashboard().build(),
    "async.json": asyncDashboard().build(),
    "security.json": securityDashboard().build(),
    "runtime.json": runtimeDashboard().build(),
  };
}

/** The JSON written for `dashboard` (stable: what the staleness test compares). */
export function dashboardJson(dashboard: Dashboard): string {
  return JSON.stringify(dashboard, null, 2) + "\n";
}
