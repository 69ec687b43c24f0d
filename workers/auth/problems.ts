/**
 * The auth worker's error codes, beside the platform's (`platformProblems`);
 * other workers import them from ./contracts.ts.
 *
 * @module
 */
import { defineProblems } from "../../shared/http/problem.ts";

export const authProblems = defineProblems({
  EMAIL_TAKEN: { status: 409, title: "Email already registered" },
  INVALID_CREDENTIALS: { status: 401, title: "Invalid credentials" },
  REFRESH_TOKEN_REUSED: { status: 401, title: "Refresh token reused" },
  IDENTITY_NOT_FOUND: { status: 404, title: "Identity not found" },
  API_KEY_NOT_FOUND: { status: 404, title: "API key not found" },
  API_KEY_LIMIT_REACHED: { status: 409, title: "API key limit reached" },
});
