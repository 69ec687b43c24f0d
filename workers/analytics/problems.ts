/**
 * The analytics domain's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the analytics worker raises (401, 403 and 422 come from `platformProblems`). */
export const analyticsProblems = defineProblems({
  REPORT_NOT_FOUND: { status: 404, title: "Report not found" },
});
