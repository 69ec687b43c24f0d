/**
 * The analytics domain's error codes, added to the platform's closed list.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the analytics worker raises (401, 403 and 422 come from the platform list). */
export const analyticsProblems = defineProblems({
  REPORT_NOT_FOUND: { status: 404, title: "Report not found" },
});
