/**
 * Random secrets for the embedded default, where no one configures one.
 *
 * @module
 */

/** 32 random bytes as URL-safe base64 (43 characters). */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}
