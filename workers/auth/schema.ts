/**
 * Wire schemas of the auth routes.
 *
 * @module
 */
import * as v from "valibot";

/** Trimmed; compared case-insensitively (see `normalizeEmail`). */
const email = v.pipe(
  v.string("must be a string"),
  v.trim(),
  v.maxLength(254, "must be at most 254 characters"),
  v.email("must be an email address"),
);

/** 8–128 characters, not all whitespace; never trimmed (spaces are part of a passphrase). */
const password = v.pipe(
  v.string("must be a string"),
  v.minLength(8, "must be at least 8 characters"),
  v.maxLength(128, "must be at most 128 characters"),
  v.check((text) => text.trim().length > 0, "must not be only whitespace"),
);

export const registerBody = v.strictObject({
  email,
  password,
  displayName: v.pipe(
    v.string("must be a string"),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(80, "must be at most 80 characters"),
  ),
});

/** Login takes any string: a policy change must not lock out an old password. */
export const loginBody = v.strictObject({
  email: v.pipe(v.string("must be a string"), v.trim(), v.maxLength(254, "is too long")),
  password: v.pipe(v.string("must be a string"), v.maxLength(1024, "is too long")),
});

export const refreshBody = v.strictObject({
  refreshToken: v.pipe(v.string("must be a string"), v.minLength(1, "must not be empty")),
});

/**
 * An identity id in a path: auth only ever issues UUIDs, so anything else (`%00`, junk, a
 * 10 kB string) names no identity and never reaches the database.
 */
export const identityId = v.pipe(v.string(), v.uuid());

/** The email as compared and stored for uniqueness. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
