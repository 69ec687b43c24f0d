/**
 * Password hashing of the auth worker: Argon2id (hash-wasm, so it also runs on the edge)
 * at OWASP's minimum cost, in a pool of Web Workers so a ~70 ms hash does not block
 * the event loop, inline where `Worker` is missing. Passwords are normalised to NFC.
 *
 * ```ts
 * const hasher = createPasswordHasher();
 * const phc = await hasher.hash("correct horse");
 * if (await hasher.verify("correct horse", phc) && needsRehash(phc, hasher.params)) {
 *   // store await hasher.hash("correct horse")
 * }
 * hasher.close();
 * ```
 *
 * @module
 */
export { needsRehash, owaspMinimum, parsePhc } from "./params.ts";
export { createPasswordHasher, type PasswordHasher } from "./hasher.ts";
