/**
 * Request options the HTTP suites build again and again: a JSON body and a
 * bearer token.
 *
 * @module
 */

/** POST with a JSON body. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** `Authorization: Bearer <token>` plus `extra`. */
export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}
