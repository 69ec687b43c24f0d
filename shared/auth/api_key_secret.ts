/**
 * The format of API key secrets, shared by the auth worker (which mints
 * them) and every verifier (which checks the checksum before any lookup):
 *
 *     fck_ + 30 random base62 characters + 6 base62 characters of CRC32
 *
 * Modelled on GitHub's token format: the `fck_` prefix lets leaked-secret
 * scanners find them, and the checksum lets a verifier refuse a typo (or a
 * random string) with a 401 without asking the auth worker or any store.
 * 30 base62 characters carry 30 × log2(62) ≈ 178.6 bits of entropy (drawn
 * by rejection sampling, so every character is uniform). The checksum is not
 * a secret and proves nothing about authenticity: only the lookup does.
 *
 * @module
 */

/** What every API key secret starts with. */
export const apiKeyPrefix = "fck_";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const randomLength = 30;
const checksumLength = 6;

/** The shape of a secret; the checksum is checked by `isWellFormedApiKey`. */
export const apiKeyPattern = /^fck_[0-9A-Za-z]{36}$/;

const crcTable = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE 802.3, as zlib) of `text`'s UTF-8 bytes. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** `value` in base62, left-padded with zeros to `width` (62^6 > 2^32: six digits hold a CRC32). */
function base62(value: number, width: number): string {
  let text = "";
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) text = alphabet[rest % 62] + text;
  return text.padStart(width, "0");
}

/** `length` uniformly random base62 characters (bytes ≥ 248 are redrawn: 248 = 4 × 62). */
function randomBase62(length: number): string {
  let text = "";
  while (text.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && text.length < length) text += alphabet[byte % 62];
    }
  }
  return text;
}

/** A new secret: `fck_`, 30 random base62 characters and their checksum. */
export function newApiKeySecret(): string {
  const random = randomBase62(randomLength);
  return `${apiKeyPrefix}${random}${base62(crc32(random), checksumLength)}`;
}

/** True when `text` looks like an API key secret (prefix), whatever its checksum. */
export function looksLikeApiKey(text: string): boolean {
  return text.startsWith(apiKeyPrefix);
}

/** True when `text` has the format of a secret and its checksum matches: worth a lookup. */
export function isWellFormedApiKey(text: string): boolean {
  if (!apiKeyPattern.test(text)) return false;
  const random = text.slice(apiKeyPrefix.length, apiKeyPrefix.length + randomLength);
  return base62(crc32(random), checksumLength) === text.slice(-checksumLength);
}
