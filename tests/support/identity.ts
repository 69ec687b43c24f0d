/**
 * Helpers for suites that need signed-up users.
 *
 * @module
 */
import assert from "node:assert/strict";
import { postJson } from "../../shared/testing/requests.ts";
import type { TestPlatform } from "./platform.ts";

/** A registered user and their tokens. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;

/** Registers a fresh user through the public API. */
export async function signUp(
  platform: Pick<TestPlatform, "request">,
  overrides: Partial<Pick<TestUser, "email" | "password" | "displayName">> = {},
): Promise<TestUser> {
  const email = overrides.email ??
    `member${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = overrides.password ?? "correct horse battery";
  const displayName = overrides.displayName ?? `Member ${counter}`;
  const response = await platform.request(
    "/v1/auth/register",
    postJson({ email, password, displayName }),
  );
  const text = await response.text();
  assert.equal(response.status, 201, text);
  const body = JSON.parse(text);
  return {
    id: body.user.id,
    email,
    password,
    displayName,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
  };
}

/** The claims of a JWT, unverified (tests read what the server issued). */
export function decodeJwt(
  token: string,
): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split(".").slice(0, 2).map((part) =>
    JSON.parse(
      new TextDecoder().decode(
        Uint8Array.from(atob(part.replaceAll("-", "+").replaceAll("_", "/")), (ch) =>
          ch.charCodeAt(0)),
      ),
    )
  );
  return { header, payload };
}
