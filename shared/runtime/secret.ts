/**
 * Random secrets for the embedded default, where no one configures one.
 *
 * @module
 */
import { randomToken } from "../crypto/random.ts";

/** 32 random bytes as URL-safe base64 (43 characters). */
export function randomSecret(): string {
  return randomToken(32);
}
