import assert from "node:assert/strict";
import { GraphqlError, refusalText } from "./mod.ts";

Deno.test("refusalText: the message, then why each value was refused", () => {
  const refused = new GraphqlError("The request body is not valid.", 400, "VALIDATION_FAILED", [{
    message: "The request body is not valid.",
    extensions: {
      code: "VALIDATION_FAILED",
      errors: [
        { pointer: "/timezone", detail: "must be an IANA time zone" },
        { pointer: "/quietHours/start", detail: "must be HH:MM" },
        { pointer: "", detail: "must change something" },
      ],
    },
  }]);
  assert.equal(
    refusalText(refused),
    "The request body is not valid. timezone: must be an IANA time zone; start: must be HH:MM; " +
      "must change something",
  );
  assert.equal(refusalText(new GraphqlError("Slow down.", 429, "RATE_LIMITED")), "Slow down.");
  assert.equal(refusalText(new Error("offline")), "offline");
});
