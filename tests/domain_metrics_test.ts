/**
 * The domain metrics that the dashboards and alerts read (README
 * "Monitoring"), each moved by real traffic through the public API and read
 * back from `GET /metrics` as Prometheus would.
 */
import assert from "node:assert/strict";
import { eventually } from "../shared/testing/assertions.ts";
import { admin } from "../workers/payments/testing.ts";
import { driveTraffic, lowStockSku, poisonFor, sampleOf } from "./support/monitoring_traffic.ts";
import { openEmbedded } from "./support/platform.ts";

Deno.test(
  { name: "[metrics] domain metrics move with traffic", sanitizeResources: false },
  async (t) => {
    const platform = await openEmbedded();
    try {
      await driveTraffic(platform.request, {
        adminToken: await admin(platform),
        poison: poisonFor(platform),
      });
      // A collection answers 503 while the totals' store is briefly away: ask again.
      const text = await eventually(
        "a collection with every domain's metrics",
        () => platform.scrapeMetrics().catch(() => ""),
        // A report that failed on a loaded machine is sent again: wait for every worker's.
        (text) =>
          [
            "fitconnect_dead_letters{",
            "fitconnect_stock_available{",
            "fitconnect_reservations_total{",
            "fitconnect_sessions_logged_total{",
            "fitconnect_reports_total{",
            "fitconnect_notifications_sent_total{",
            "fitconnect_payments_amount_cents_total{",
            "fitconnect_auth_lockouts_total{",
          ].every((name) => text.includes(name)) &&
          ["auth", "users", "workouts", "inventory", "payments", "analytics"].every((worker) =>
            new RegExp(`fitconnect_outbox_oldest_unpublished_age_seconds\\{[^}]*worker="${worker}"`)
              .test(text)
          ),
        60_000,
      );
      const at = (name: string, labels: Record<string, string> = {}) =>
        sampleOf(text, name, labels);

      await t.step("auth: failed logins, the lockout and the reused refresh token", () => {
        assert.equal(at("fitconnect_logins_total", { result: "invalid_credentials" }), 10);
        assert.equal(at("fitconnect_auth_lockouts_total", { scope: "account" }), 1);
        assert.equal(at("fitconnect_refresh_tokens_total", { result: "rotated" }), 1);
        assert.equal(at("fitconnect_refresh_tokens_total", { result: "reused" }), 1);
        assert.equal(at("fitconnect_registrations_total", { result: "email_taken" }), 1);
      });

      await t.step("workouts: the sessions and the personal records of the second", () => {
        assert.equal(at("fitconnect_sessions_logged_total", { worker: "workouts" }), 2);
        assert.ok(at("fitconnect_personal_records_total", { worker: "workouts" }) >= 1);
      });

      await t.step("analytics: the report, requested then ready", () => {
        assert.equal(at("fitconnect_reports_total", { kind: "volume", status: "requested" }), 1);
        assert.equal(at("fitconnect_reports_total", { kind: "volume", status: "ready" }), 1);
      });

      await t.step("payments: amounts by status, so revenue is succeeded minus refunded", () => {
        const amount = (status: string) =>
          at("fitconnect_payments_amount_cents_total", { status, currency: "EUR" });
        assert.ok(amount("succeeded") > 0);
        assert.equal(amount("refunded"), amount("succeeded"));
        assert.equal(amount("failed"), 2499);
      });

      await t.step("inventory: the product is at its low-stock threshold", () => {
        const sku = { sku: lowStockSku };
        assert.equal(at("fitconnect_stock_available", sku), 6);
        assert.equal(at("fitconnect_stock_low_threshold", sku), 6);
        assert.ok(at("fitconnect_reservations_total", { result: "committed" }) >= 1);
      });

      await t.step("notifications: sent per channel", () => {
        assert.ok(
          at("fitconnect_notifications_sent_total", { channel: "in_app", type: "welcome" }) >= 3,
        );
        assert.ok(at("fitconnect_notifications_sent_total", { type: "low_stock" }) >= 1);
      });

      await t.step("async: the dead letter waits, the outboxes are drained", () => {
        assert.equal(
          at("fitconnect_dead_letters", { type: "SessionLogged", consumer: "analytics" }),
          1,
        );
        for (const worker of ["auth", "users", "workouts", "inventory", "payments", "analytics"]) {
          const age = at("fitconnect_outbox_oldest_unpublished_age_seconds", { worker });
          assert.ok(age >= 0, `${worker}: ${age}`);
        }
      });
    } finally {
      await platform.close();
    }
  },
);
