/**
 * The body schema of a write: a strict object that is not an array.
 * valibot's object schemas accept `[]` (an object with no keys), which would
 * make a JSON array an empty patch; and unknown members are refused, not
 * silently dropped, so typos surface.
 *
 * @module
 */
import * as v from "valibot";

/** A strict JSON object of `entries`; `message` for anything else. */
export function jsonObject<const E extends v.ObjectEntries>(entries: E, message: string) {
  const object = v.strictObject(entries, message);
  return v.pipe(
    v.custom<v.InferInput<typeof object>>(
      (input) => typeof input === "object" && input !== null && !Array.isArray(input),
      message,
    ),
    object,
  );
}
