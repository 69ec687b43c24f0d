import assert from "node:assert/strict";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describeError, stackFrames } from "./describe_error.ts";
import { StoreUnavailableError } from "../stores/unavailable.ts";

/** What pg's DatabaseError looks like: a message that may quote a value, and a SQLSTATE. */
function databaseError(message: string, code: string): Error {
  return Object.assign(new Error(message), { name: "error", code });
}

Deno.test("[stores] error descriptions carry no data", async (t) => {
  const secret = "ada@example.com";

  await t.step("a failed query: its text and SQLSTATE, never its parameters", () => {
    const cause = databaseError(`invalid input syntax for type uuid: "${secret}"`, "22P02");
    const error = new DrizzleQueryError("select * from t where id = $1", [secret], cause);
    assert.match(error.message, new RegExp(secret), "drizzle's own message has the parameter");
    const text = describeError(error);
    assert.equal(
      text,
      'DrizzleQueryError: query "select * from t where id = $1" <- Error [22P02]',
    );
    const frames = stackFrames(error) ?? "";
    assert.doesNotMatch(frames, new RegExp(secret));
    assert.match(frames, /^\s*at /);
  });

  await t.step("an outage: the typed error and the network's words", () => {
    const socket = new ErrorEvent("error", { message: "NetworkError: tcp connect error" });
    const error = new DrizzleQueryError(
      "insert into t values ($1)",
      [secret],
      new StoreUnavailableError("postgres", "cannot connect", { cause: socket }),
    );
    const text = describeError(error);
    assert.doesNotMatch(text, new RegExp(secret));
    assert.match(text, /StoreUnavailableError: The postgres store is unavailable: cannot connect/);
    assert.match(text, /ErrorEvent: NetworkError: tcp connect error$/);
  });

  await t.step("an UpstashError quotes its command: only its name is kept", () => {
    const error = new Error(`ERR wrong type, command was: ["get","failed:${secret}"]`);
    error.name = "UpstashError";
    assert.equal(describeError(error), "UpstashError");
  });

  await t.step("anything else: name and message", () => {
    assert.equal(describeError(new TypeError("x is undefined")), "TypeError: x is undefined");
    assert.equal(describeError("plain"), "string");
  });
});
