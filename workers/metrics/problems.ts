/**
 * The metrics worker's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the metrics worker raises (401 and 404 come from `platformProblems`). */
export const metricsProblems = defineProblems({
  DEAD_LETTER_NOT_FOUND: { status: 404, title: "Dead letter not found" },
});
