/**
 * The notifications domain's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

/** Codes only the notifications worker raises (401 and 422 come from `platformProblems`). */
export const notificationsProblems = defineProblems({
  NOTIFICATION_NOT_FOUND: { status: 404, title: "Notification not found" },
  DEVICE_NOT_FOUND: { status: 404, title: "Device not found" },
});
