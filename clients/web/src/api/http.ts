/**
 * JSON over `fetch` to the app's own origin, failing with {@linkcode ProblemError}.
 *
 * @module
 */
import { networkProblem, problemOf } from "./problem.ts";

/** Options of {@linkcode sendJson}. */
export interface SendOptions {
  method?: string;
  body?: unknown;
  accessToken?: string;
  /** `include` for the refresh cookie (cookie mode). */
  credentials?: RequestCredentials;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Sees the successful response's headers (an `ETag`) before its body is read. */
  onResponse?: (response: Response) => void;
}

/** The answer's JSON (undefined for 204); throws ProblemError for a failure or no answer. */
export async function sendJson<T>(path: string, options: SendOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: options.credentials ?? "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkProblem();
  }
  if (!response.ok) throw await problemOf(response);
  options.onResponse?.(response);
  if (response.status === 204) return undefined as T;
  return await response.json() as T;
}
