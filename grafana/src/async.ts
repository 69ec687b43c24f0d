/**
 * Async: the events between workers — published, delivered, retried and
 * dead per event type, delivery latency, dead letters waiting, and how far
 * behind each outbox relay is.
 *
 * `$worker` selects the workers whose events to show: as the consumer of a
 * delivery (queue series, `consumer`), or as the worker that consumed or
 * produced it (`worker`).
 *
 * @module
 */
import { fitconnectDashboard, job, row, stat, timeseries, uids, workerVariable } from "./panels.ts";

/** Queue series of the selected consumers (the queue host counts them, `worker="metrics"`). */
const consumers = `${job},consumer=~"$worker"`;
/** Series of the selected workers themselves. */
const workers = `${job},worker=~"$worker"`;

/** The Async dashboard. */
export function asyncDashboard() {
  return fitconnectDashboard(
    uids.async,
    "Async",
    "Events: published, delivered, retried and dead per type; delivery latency; outbox lag.",
  )
    .withVariable(workerVariable())
    .withRow(row("Now"))
    .withPanel(stat({
      title: "Dead letters waiting",
      description: "Deliveries that exhausted their retries, to replay at /v1/admin/dead-letters.",
      unit: "short",
      queries: [{
        expr: `sum(max by (type, consumer) (fitconnect_dead_letters{${consumers}})) or vector(0)`,
      }],
    }))
    .withPanel(stat({
      title: "Oldest unpublished event",
      description:
        "Age of the oldest event not yet relayed from any outbox (the alert: over 2 min).",
      unit: "s",
      queries: [{ expr: `max(fitconnect_outbox_oldest_unpublished_age_seconds{${workers}})` }],
    }))
    .withRow(row("Per event type"))
    .withPanel(timeseries({
      title: "Published by type",
      description: "Messages published to the queue a minute, by event type and consumer.",
      unit: "opm",
      queries: [{
        expr: `sum by (type, consumer) (rate(fitconnect_queue_published_total{${consumers}}` +
          `[$__rate_interval])) * 60`,
        legend: "{{type}} → {{consumer}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Delivered, retried and dead by type",
      description:
        "Delivery attempts a minute by result: delivered, retry (failed, will retry), dead.",
      unit: "opm",
      queries: [{
        expr: `sum by (type, result) (rate(fitconnect_queue_delivery_attempts_total{${consumers}}` +
          `[$__rate_interval])) * 60`,
        legend: "{{type}} {{result}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Consumer outcomes by type",
      description: "What consumers did with deliveries: processed, duplicate, ignored, rejected...",
      unit: "opm",
      queries: [{
        expr: `sum by (worker, type, result) (rate(fitconnect_queue_deliveries_total{${workers}}` +
          `[$__rate_interval])) * 60`,
        legend: "{{worker}} {{type}} {{result}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Delivery latency by type",
      description:
        "p95 of the time from an event's occurrence to its processing (alert: over 1 min).",
      unit: "s",
      queries: [{
        expr: `histogram_quantile(0.95, sum by (type, le) (rate(` +
          `fitconnect_queue_delivery_latency_seconds_bucket{${workers}}[$__rate_interval])))`,
        legend: "{{type}} p95",
      }],
    }))
    .withRow(row("Backlog"))
    .withPanel(timeseries({
      title: "Dead letters by type and consumer",
      description: "Deliveries waiting in the dead letters (the alert: any, for 5 min).",
      unit: "short",
      queries: [{
        expr: `max by (type, consumer) (fitconnect_dead_letters{${consumers}})`,
        legend: "{{type}} → {{consumer}}",
      }],
    }))
    .withPanel(timeseries({
      title: "Outbox lag by worker",
      description: "Age of the oldest unpublished event of each producer's outbox (0: drained).",
      unit: "s",
      queries: [{
        expr: `max by (worker) (fitconnect_outbox_oldest_unpublished_age_seconds{${workers}})`,
        legend: "{{worker}}",
      }],
    }));
}
