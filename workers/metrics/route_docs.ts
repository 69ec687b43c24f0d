/**
 * How each public metrics-worker route is described in the OpenAPI document
 * (docs/openapi.md): the routes put these first in their chains.
 *
 * @module
 */
import * as v from "valibot";
import { platformProblems } from "../../shared/http/problem.ts";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { id, named, pageOf } from "../../shared/http/openapi/wire.ts";
import { metricsProblems } from "./problems.ts";

const deadLetter = named(
  "DeadLetter",
  v.object({
    id,
    consumer: v.string(),
    message: v.pipe(v.looseObject({}), v.description("The event message as it was queued.")),
    failedAt: v.string(),
    reason: v.optional(v.string()),
  }),
);

export const metricsDocs = {
  scrape: documented({
    summary: "Prometheus metrics of the whole platform",
    tag: "Operations",
    access: "operator",
    responses: {
      200: {
        description: "The text exposition format",
        raw: { mediaType: "text/plain", schema: { type: "string" } },
      },
    },
    // Without a configured token the route does not exist.
    problems: [platformProblems.NOT_FOUND],
  }),
  listDeadLetters: documented({
    summary: "Deliveries that exhausted their retries (admins)",
    tag: "Admin",
    access: "admin",
    responses: {
      200: {
        description: "The dead letters (one page)",
        body: pageOf("DeadLetterPage", deadLetter),
        headers: ["Cache-Control"],
      },
    },
  }),
  replayDeadLetter: documented({
    summary: "Publish a dead letter again to its consumer (admins)",
    tag: "Admin",
    access: "admin",
    responses: { 202: { description: "Queued again" } },
    problems: [metricsProblems.DEAD_LETTER_NOT_FOUND],
  }),
};
