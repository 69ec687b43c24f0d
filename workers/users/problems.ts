/**
 * The users domain's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the users worker raises (412 and 503 come from `platformProblems`). */
export const usersProblems = defineProblems({
  PROFILE_NOT_FOUND: { status: 404, title: "Profile not found" },
});
