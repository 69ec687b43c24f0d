/**
 * Security: failed logins, lockouts, rate-limited requests, refresh-token
 * reuse, and 401/403 per route.
 *
 * @module
 */
import {
  fitconnectDashboard,
  job,
  routeVariable,
  row,
  stat,
  timeseries,
  uids,
  workerVariable,
} from "./panels.ts";

const perMinute = (selector: string, by: string) =>
  `sum by (${by}) (rate(${selector}[$__rate_interval])) * 60`;
const routes = `${job},worker=~"$worker",route=~"$route"`;

/** The Security dashboard. */
export function securityDashboard() {
  return fitconnectDashboard(
    uids.security,
    "Security",
    "Failed logins, lockouts, rate limits, refresh-token reuse, 401 and 403 per route.",
  )
    .withVariable(workerVariable())
    .withVariable(routeVariable())
    .withRow(row("In the time range"))
    .withPanel(stat({
      title: "Failed logins",
      description: "Logins refused for wrong credentials in the time range.",
      unit: "short",
      queries: [{
        expr:
          `sum(increase(fitconnect_logins_total{${job},result="invalid_credentials"}[$__range]))`,
      }],
    }))
    .withPanel(stat({
      title: "Lockouts",
      description: "Attempts refused by an account's or a network's login limit in the time range.",
      unit: "short",
      queries: [{ expr: `sum(increase(fitconnect_auth_lockouts_total{${job}}[$__range]))` }],
    }))
    .withPanel(stat({
      title: "Refresh tokens reused",
      description: "Spent refresh tokens presented again (theft signal; the login was revoked).",
      unit: "short",
      queries: [{
        expr: `sum(increase(fitconnect_refresh_tokens_total{${job},result="reused"}[$__range]))`,
      }],
    }))
    .withPanel(stat({
      title: "Rate-limited requests",
      description: "Requests answered 429 in the time range, on every route.",
      unit: "short",
      queries: [{
        expr: `sum(increase(http_requests_total{${job},status="429"}[$__range])) or vector(0)`,
      }],
    }))
    .withRow(row("Accounts"))
    .withPanel(timeseries({
      title: "Failed logins by result",
      description: "Failed login attempts a minute (the alert: over 30 invalid credentials).",
      unit: "opm",
      queries: [{
        expr: perMinute(`fitconnect_logins_total{${job},result!="success"}`, "result"),
        legend: "{{result}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Lockouts by scope",
      description:
        "Attempts refused a minute: account (its failed logins) or network (its attempts).",
      unit: "opm",
      queries: [{
        expr: perMinute(`fitconnect_auth_lockouts_total{${job}}`, "scope"),
        legend: "{{scope}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Refresh tokens by result",
      description: "Refresh tokens presented a minute: rotated, reused, revoked, invalid.",
      unit: "opm",
      queries: [{
        expr: perMinute(`fitconnect_refresh_tokens_total{${job}}`, "result"),
        legend: "{{result}}",
      }],
    }))
    .withRow(row("Per route"))
    .withPanel(timeseries({
      title: "Rate-limited requests by route",
      description: "Requests answered 429 a minute, by worker and route.",
      unit: "opm",
      queries: [{
        expr: perMinute(`http_requests_total{${routes},status="429"}`, "worker, route"),
        legend: "{{worker}} {{route}}",
      }],
    }))
    .withPanel(timeseries({
      title: "401 and 403 by route",
      description: "Requests refused for missing or bad credentials (401) or missing rights (403).",
      unit: "opm",
      queries: [{
        expr: perMinute(
          `http_requests_total{${routes},status=~"401|403"}`,
          "worker, route, status",
        ),
        legend: "{{status}} {{worker}} {{route}}",
      }],
    }));
}
