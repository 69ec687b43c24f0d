import assert from "node:assert/strict";
import { placeErrors, type Problem } from "./problem.ts";

const fields = ["/email", "/password", "/displayName"];

Deno.test("problem: each errors[] entry goes next to the field its pointer names", () => {
  const problem: Problem = {
    title: "Validation failed",
    status: 422,
    code: "VALIDATION_FAILED",
    errors: [
      { pointer: "/email", detail: "must be an email address" },
      { pointer: "/password", detail: "must be at least 8 characters" },
      { pointer: "/unknown", detail: "is not allowed" },
    ],
  };
  assert.deepEqual(placeErrors(problem, fields), {
    fields: { "/email": "must be an email address", "/password": "must be at least 8 characters" },
    form: ["unknown: is not allowed"],
  });
});

Deno.test("problem: without errors[], a known code names its field, else the form shows it", () => {
  const taken: Problem = {
    title: "Email already registered",
    status: 409,
    code: "EMAIL_TAKEN",
    detail: "An account with this email exists.",
  };
  assert.deepEqual(placeErrors(taken, fields, { EMAIL_TAKEN: "/email" }), {
    fields: { "/email": "An account with this email exists." },
    form: [],
  });
  const invalid: Problem = {
    title: "Invalid credentials",
    status: 401,
    code: "INVALID_CREDENTIALS",
  };
  assert.deepEqual(placeErrors(invalid, fields, { EMAIL_TAKEN: "/email" }), {
    fields: {},
    form: ["Invalid credentials"],
  });
});
