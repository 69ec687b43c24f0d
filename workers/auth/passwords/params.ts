/**
 * Argon2id cost parameters, and reading them back out of a stored PHC string.
 *
 * @module
 */

/** The cost of one Argon2id hash. */
export interface Argon2Params {
  /** Memory per hash, in KiB (Argon2's `m`). */
  memoryKiB: number;
  /** Passes over the memory (Argon2's `t`). */
  iterations: number;
  /** Lanes (Argon2's `p`). */
  parallelism: number;
  /** Length of the derived hash, in bytes. */
  hashLength: number;
  /** Length of the random salt, in bytes. */
  saltLength: number;
}

/** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
export const owaspMinimum: Argon2Params = {
  memoryKiB: 19456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
  saltLength: 16,
};

// PHC decimals have no sign and no leading zeros; ten digits bound them below 2^53.
const decimal = "(0|[1-9][0-9]{0,9})";
// PHC strings use standard base64 without padding.
const b64 = "([A-Za-z0-9+/]+)";
const phcPattern = new RegExp(
  `^\\$argon2id\\$v=19\\$m=${decimal},t=${decimal},p=${decimal}\\$${b64}\\$${b64}$`,
);

/** Bytes encoded by unpadded base64 of `length` characters, or null for an impossible length. */
function b64Bytes(length: number): number | null {
  return length % 4 === 1 ? null : Math.floor((length * 3) / 4);
}

/**
 * Reads the parameters of an Argon2id v1.3 PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt b64>$<hash b64>`).
 * Returns null for anything else, including other Argon2 variants or versions, extra
 * PHC fields, and values Argon2 itself refuses (salt under 8 bytes, hash under 4,
 * memory under 8 KiB per lane).
 */
export function parsePhc(hash: string): Argon2Params | null {
  const match = phcPattern.exec(hash);
  if (match === null) return null;
  const [memoryKiB, iterations, parallelism] = match.slice(1, 4).map(Number);
  const saltLength = b64Bytes(match[4].length);
  const hashLength = b64Bytes(match[5].length);
  if (saltLength === null || hashLength === null) return null;
  if (iterations < 1 || parallelism < 1 || memoryKiB < 8 * parallelism) return null;
  if (saltLength < 8 || hashLength < 4) return null;
  return { memoryKiB, iterations, parallelism, hashLength, saltLength };
}

/**
 * Whether a stored hash should be replaced by one made with `params`: true when it
 * cannot be read or any of its parameters differs from the current ones. Weaker hashes
 * are upgraded, and so are stronger ones, so every stored hash converges on one cost
 * that the login rate limits were sized for. Call it after a successful verify, while
 * the plain password is at hand.
 */
export function needsRehash(hash: string, params: Argon2Params): boolean {
  const stored = parsePhc(hash);
  if (stored === null) return true;
  return stored.memoryKiB !== params.memoryKiB ||
    stored.iterations !== params.iterations ||
    stored.parallelism !== params.parallelism ||
    stored.hashLength !== params.hashLength ||
    stored.saltLength !== params.saltLength;
}
