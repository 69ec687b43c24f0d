/**
 * Signing secrets in the Standard Webhooks format, `whsec_` and the base64
 * of 32 random bytes, and the signatures of a delivery under each secret in
 * force (both, while a rotated-out one overlaps the new one).
 *
 * @module
 */
import { Webhook } from "standardwebhooks";

/** A fresh signing secret. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** The `webhook-signature` header: `v1,<sig>` per secret, space-separated (as the spec allows). */
export function signatureHeader(
  secrets: readonly string[],
  message: { id: string; timestamp: Date; body: string },
): string {
  return secrets.map((secret) =>
    new Webhook(secret).sign(message.id, message.timestamp, message.body)
  )
    .join(" ");
}
