/**
 * Commerce: payments by status, revenue and refunds, checkout latency, and
 * stock — levels per product and the items at or below their threshold.
 *
 * @module
 */
import { fitconnectDashboard, job, row, stat, table, timeseries, uids } from "./panels.ts";

const amounts = (status: string) =>
  `fitconnect_payments_amount_cents_total{${job},status="${status}"}`;
const payments = `fitconnect_payments_total{${job}}`;
const available = `max by (sku) (fitconnect_stock_available{${job}})`;
const threshold = `max by (sku) (fitconnect_stock_low_threshold{${job}})`;
const checkoutRoutes = `route=~"/v1/payments|/v1/payments/:id/confirm",method="POST"`;

/** The Commerce dashboard. */
export function commerceDashboard() {
  return fitconnectDashboard(
    uids.commerce,
    "Commerce",
    "Payments, revenue, refunds, checkout latency and stock.",
  )
    .withRow(row("In the time range"))
    .withPanel(stat({
      title: "Revenue",
      description:
        "Succeeded payments in the time range, in major units (e.g. euros), per currency.",
      unit: "short",
      queries: [{
        expr: `sum by (currency) (increase(${amounts("succeeded")}[$__range])) / 100`,
        legend: "{{currency}}",
      }],
    }))
    .withPanel(stat({
      title: "Refunded",
      description: "Refunded payments in the time range, in major units, per currency.",
      unit: "short",
      queries: [{
        expr: `sum by (currency) (increase(${amounts("refunded")}[$__range])) / 100`,
        legend: "{{currency}}",
      }],
    }))
    .withPanel(stat({
      title: "Payment failure ratio",
      description: "Failed among settled payments in the time range (the alert: above 25 %).",
      unit: "percentunit",
      queries: [{
        expr: `(sum(increase(fitconnect_payments_total{${job},status="failed"}[$__range])) ` +
          `or vector(0)) / sum(increase(fitconnect_payments_total{${job},` +
          `status=~"succeeded|failed"}[$__range]))`,
      }],
    }))
    .withPanel(stat({
      title: "Low-stock items",
      description: "Products at or below their low-stock threshold now.",
      unit: "short",
      queries: [{ expr: `count(${available} <= ${threshold}) or vector(0)` }],
    }))
    .withRow(row("Payments"))
    .withPanel(timeseries({
      title: "Payments by status",
      description: "Payments reaching each status a minute (requires_confirmation: created).",
      unit: "opm",
      queries: [{
        expr: `sum by (status) (rate(${payments}[$__rate_interval])) * 60`,
        legend: "{{status}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Revenue and refunds",
      description: "Amounts succeeded and refunded, in major units an hour, per currency.",
      unit: "short",
      queries: [
        {
          expr: `sum by (currency) (rate(${amounts("succeeded")}[$__rate_interval])) * 36`,
          legend: "revenue {{currency}}/h",
        },
        {
          expr: `sum by (currency) (rate(${amounts("refunded")}[$__rate_interval])) * 36`,
          legend: "refunds {{currency}}/h",
        },
      ],
    }))
    .withPanel(timeseries({
      title: "Checkout latency",
      description: "p50 and p95 of creating and confirming a payment.",
      unit: "s",
      queries: [0.5, 0.95].map((q) => ({
        expr: `histogram_quantile(${q}, sum by (route, le) (rate(` +
          `http_request_duration_seconds_bucket{${job},worker="payments",${checkoutRoutes}}` +
          `[$__rate_interval])))`,
        legend: `{{route}} p${q * 100}`,
      })),
    }))
    .withPanel(timeseries({
      title: "Stripe webhooks by result",
      description: "Webhook events a minute, by type and result (processed, duplicate, failed...).",
      unit: "opm",
      queries: [{
        expr:
          `sum by (type, result) (rate(fitconnect_webhooks_total{${job}}[$__rate_interval])) * 60`,
        legend: "{{type}} {{result}}",
      }],
    }))
    .withRow(row("Stock"))
    .withPanel(timeseries({
      title: "Stock levels",
      description: "Available units (on hand minus reserved) of each product.",
      unit: "short",
      queries: [{ expr: available, legend: "{{sku}}" }],
    }))
    .withPanel(table({
      title: "Low-stock items",
      description: "Products at or below their threshold: available units now.",
      unit: "short",
      queries: [{ expr: `${available} <= ${threshold}`, legend: "{{sku}}" }],
    }))
    .withPanel(timeseries({
      title: "Reservations by result",
      description: "Stock reservations a minute: created, committed, released, expired, rejected.",
      unit: "opm",
      queries: [{
        expr:
          `sum by (result) (rate(fitconnect_reservations_total{${job}}[$__rate_interval])) * 60`,
        legend: "{{result}}",
      }],
    }));
}
