/**
 * How each public auth route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * @module
 */
import * as v from "valibot";
import { platformProblems } from "../../shared/http/problem.ts";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { id, named } from "../../shared/http/openapi/wire.ts";
import { authProblems } from "./problems.ts";

const user = v.object({ id, email: v.string(), displayName: v.string() });

/** Tokens as issued; in cookie mode (the web app) `refreshToken` travels in the cookie instead. */
const tokens = named(
  "AuthTokens",
  v.object({
    user,
    accessToken: v.string(),
    refreshToken: v.pipe(
      v.optional(v.string()),
      v.description("Absent in cookie mode: the refresh token is in an HttpOnly cookie."),
    ),
    tokenType: v.literal("Bearer"),
    expiresIn: v.pipe(v.number(), v.description("Seconds until the access token expires.")),
  }),
  {
    user: { id: "5b1c…", email: "ada@example.com", displayName: "Ada" },
    accessToken: "eyJhbGciOiJFZERTQSIsImtpZCI6…",
    refreshToken: "rt_2f9c…",
    tokenType: "Bearer",
    expiresIn: 900,
  },
);

const jwks = named(
  "JsonWebKeySet",
  v.object({ keys: v.array(v.looseObject({ kty: v.string(), kid: v.string() })) }),
);

const cookieModeRefused = platformProblems.FORBIDDEN;

export const authDocs = {
  jwks: documented({
    summary: "Public keys that verify access tokens (JWKS)",
    tag: "Auth",
    access: "public",
    responses: { 200: { description: "The key set", body: jwks, headers: ["Cache-Control"] } },
  }),
  register: documented({
    summary: "Create an account",
    description: "Email is trimmed and compared case-insensitively. Limited per client address.",
    tag: "Auth",
    access: "public",
    responses: {
      201: {
        description: "The account and its first tokens",
        body: tokens,
        headers: ["Cache-Control"],
      },
    },
    problems: [authProblems.EMAIL_TAKEN, cookieModeRefused],
  }),
  login: documented({
    summary: "Sign in",
    description: "A wrong password and an unknown email answer the same 401. Repeated failures " +
      "per account and per client address are 429.",
    tag: "Auth",
    access: "public",
    responses: {
      200: { description: "Tokens", body: tokens, headers: ["Cache-Control"] },
    },
    problems: [authProblems.INVALID_CREDENTIALS, cookieModeRefused],
  }),
  refresh: documented({
    summary: "Trade a refresh token for new tokens",
    description: "The refresh token is spent; presenting a spent one again revokes its whole " +
      "login family (401 `REFRESH_TOKEN_REUSED`).",
    tag: "Auth",
    access: "public",
    responses: { 200: { description: "New tokens", body: tokens, headers: ["Cache-Control"] } },
    problems: [
      authProblems.REFRESH_TOKEN_REUSED,
      platformProblems.UNAUTHENTICATED,
      cookieModeRefused,
    ],
  }),
  logout: documented({
    summary: "Sign out: the refresh token's family can no longer refresh",
    tag: "Auth",
    access: "public",
    responses: { 204: { description: "Signed out" } },
    problems: [cookieModeRefused],
  }),
};
