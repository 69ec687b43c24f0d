/**
 * `checkout`'s `idempotencyKey` travels as the REST `Idempotency-Key`
 * header, so it is held to the header's rule before it is sent: a key the
 * payments worker would refuse (or a header could not carry, like a newline)
 * is the client's 400, with the code REST gives, never a failed call.
 *
 * @module
 */
import { idempotencyKeyPattern } from "../../payments/client.ts";
import { paymentsProblems } from "../../payments/contracts.ts";
import { clientError } from "../errors.ts";

/** The `Idempotency-Key` header for `key`; throws the REST 400 for a key it refuses. */
export function idempotencyKeyHeader(key: unknown): Record<string, string> {
  if (key === undefined || key === null || key === "") {
    throw clientError(
      paymentsProblems.IDEMPOTENCY_KEY_REQUIRED,
      "Give an idempotencyKey (e.g. a UUID) so that a retry cannot pay twice.",
    );
  }
  // The payments worker's own rule (1–255 printable ASCII characters).
  if (typeof key !== "string" || !idempotencyKeyPattern.test(key)) {
    throw clientError(
      paymentsProblems.IDEMPOTENCY_KEY_INVALID,
      "The idempotencyKey must be 1 to 255 printable ASCII characters.",
    );
  }
  return { "idempotency-key": key };
}
