/**
 * The users domain's error codes, added to the platform's closed list.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the users worker raises (412 and 503 come from the platform list). */
export const usersProblems = defineProblems({
  PROFILE_NOT_FOUND: { status: 404, title: "Profile not found" },
});
