/**
 * Ids in Stripe's style: a type prefix and 24 random letters and digits
 * (143 bits), e.g. `pay_Xc3...`, `pi_...`, `evt_...`.
 *
 * @module
 */

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `prefix_` and 24 random letters and digits. */
export function randomId(prefix: string): string {
  // 248 = 4 × 62: bytes above it are dropped, so every character is equally likely.
  let out = "";
  while (out.length < 24) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < 248 && out.length < 24) out += alphabet[byte % 62];
    }
  }
  return `${prefix}_${out}`;
}

/** Payment ids as this worker makes them. */
export const paymentIdPattern = /^pay_[A-Za-z0-9]{24}$/;
