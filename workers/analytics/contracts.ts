/**
 * What other workers may know of the analytics worker: the contracts of the
 * events it publishes and the codes of the problems it answers.
 *
 * @module
 */
import * as v from "valibot";
import { defineEvent, eventFields, type PayloadOf } from "../../shared/events/contract.ts";
export { analyticsProblems } from "./problems.ts";

/**
 * A member asked for a report (analytics, to itself: computed off the
 * request path). A report is requested once: no version.
 */
export const ReportRequested = defineEvent(
  "ReportRequested",
  v.object({ reportId: eventFields.id, userId: eventFields.id }),
);
export type ReportRequested = PayloadOf<typeof ReportRequested>;

/** A report is computed: the member is told. It is computed once: no version. */
export const ReportReady = defineEvent(
  "ReportReady",
  v.object({
    reportId: eventFields.id,
    userId: eventFields.id,
    kind: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  }),
);
export type ReportReady = PayloadOf<typeof ReportReady>;
