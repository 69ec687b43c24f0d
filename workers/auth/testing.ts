/**
 * What suites need to test with the auth worker (tests/auth_*, the security
 * targets, the composed test platform): a fresh signing key, the
 * bootstrap-admin settings and the password hasher.
 *
 * @module
 */
export { authEntries, bootstrapAdmin } from "./config.ts";
export { generateSigningJwk } from "./keys.ts";
/** The password hasher a composed test platform hands the auth worker. */
export { createPasswordHasher } from "./passwords/mod.ts";
