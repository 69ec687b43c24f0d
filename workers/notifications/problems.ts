/**
 * The notifications domain's error codes, added to the platform's closed list.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the notifications worker raises (401 and 422 come from the platform list). */
export const notificationsProblems = defineProblems({
  NOTIFICATION_NOT_FOUND: { status: 404, title: "Notification not found" },
});
