/**
 * Product: what members do — sign-ups, logins by result, sessions logged,
 * personal records, notifications sent per channel, reports.
 *
 * @module
 */
import { detailsIn, fitconnectDashboard, job, row, stat, timeseries, uids } from "./panels.ts";

/** Events a minute of `metric`, summed by `by`. */
const perMinute = (metric: string, by: string) =>
  `sum by (${by}) (rate(${metric}{${job}}[$__rate_interval])) * 60`;

/** Events of `metric{filter}` in the dashboard's time range. */
const inRange = (metric: string, filter = "") =>
  `sum(increase(${metric}{${job}${filter ? `,${filter}` : ""}}[$__range]))`;

/** The Product dashboard. */
export function productDashboard() {
  return fitconnectDashboard(
    uids.product,
    "Product",
    "Sign-ups, logins, sessions, personal records, notifications and reports.",
  )
    .withRow(row("In the time range"))
    .withPanel(stat({
      title: "Sign-ups",
      description: "Accounts registered in the time range.",
      unit: "short",
      queries: [{ expr: inRange("fitconnect_registrations_total", 'result="success"') }],
    }))
    .withPanel(stat({
      title: "Sessions logged",
      description: "Workout sessions logged in the time range.",
      unit: "short",
      queries: [{ expr: inRange("fitconnect_sessions_logged_total") }],
    }))
    .withPanel(stat({
      title: "Personal records",
      description: "Personal records set in the time range.",
      unit: "short",
      queries: [{ expr: inRange("fitconnect_personal_records_total") }],
    }))
    .withPanel(stat({
      title: "Reports requested",
      description: "Member reports requested in the time range.",
      unit: "short",
      queries: [{ expr: inRange("fitconnect_reports_total", 'status="requested"') }],
    }))
    .withRow(row("Members"))
    .withPanel(timeseries({
      title: "Sign-ups by result",
      description: "Registrations a minute: success, or the problem that refused them.",
      unit: "opm",
      queries: [{
        expr: perMinute("fitconnect_registrations_total", "result"),
        legend: "{{result}}",
      }],
    }))
    .withPanel(
      timeseries({
        title: "Logins by result",
        description: "Login attempts a minute: success, invalid credentials, rate limited.",
        unit: "opm",
        queries: [{ expr: perMinute("fitconnect_logins_total", "result"), legend: "{{result}}" }],
      }).links([detailsIn(uids.security, "Security")]),
    )
    .withRow(row("Training"))
    .withPanel(timeseries({
      title: "Sessions logged and personal records",
      description: "Sessions logged and the personal records they set, a minute.",
      unit: "opm",
      queries: [
        { expr: perMinute("fitconnect_sessions_logged_total", "worker"), legend: "sessions" },
        { expr: perMinute("fitconnect_personal_records_total", "worker"), legend: "records" },
      ],
    }))
    .withPanel(
      timeseries({
        title: "Reports by kind and status",
        description: "Reports a minute: requested, then ready or failed.",
        unit: "opm",
        queries: [{
          expr: perMinute("fitconnect_reports_total", "kind, status"),
          legend: "{{kind}} {{status}}",
        }],
      }).links([detailsIn(uids.async, "Async (the report's events)")]),
    )
    .withRow(row("Notifications"))
    .withPanel(timeseries({
      title: "Notifications sent by channel",
      description:
        "Notifications put in an inbox (in_app) or handed to the mailer (email), a minute.",
      unit: "opm",
      queries: [{
        expr: perMinute("fitconnect_notifications_sent_total", "channel"),
        legend: "{{channel}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Notifications sent by type",
      description: "Welcome, personal record, payment, report ready, low stock..., a minute.",
      unit: "opm",
      queries: [{
        expr: perMinute("fitconnect_notifications_sent_total", "type"),
        legend: "{{type}}",
      }],
    }));
}
