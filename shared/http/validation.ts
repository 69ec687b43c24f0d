/**
 * Request validation at the edge: JSON bodies and query strings checked by
 * hono-openapi's validator against valibot schemas — the same schemas that
 * describe the request in the OpenAPI document (docs/openapi.md) — with a
 * hook that renders every failure as problem+json.
 *
 * These middlewares have the same type shape as hono's `validator`, so
 * `c.req.valid("json")` is typed in handlers and `hc` clients see the input.
 *
 * @module
 */
import type { Context, Env, MiddlewareHandler, ValidationTargets } from "hono";
import { uniqueSymbol, validator } from "hono-openapi";
import * as v from "valibot";
import { type FieldError, platformProblems, Problem } from "./problem.ts";

/** Escapes one JSON Pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
function pointerSegment(key: unknown): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A readable sentence for one valibot issue, without echoing long input. */
function issueDetail(issue: v.BaseIssue<unknown>): string {
  if (issue.input === undefined && issue.kind === "schema") return "is required";
  return issue.message;
}

/** Turns valibot issues into `errors[]` entries: body issues as JSON Pointers, query issues by name. */
export function fieldErrors(
  issues: readonly v.BaseIssue<unknown>[],
  source: "body" | "query",
): FieldError[] {
  return issues.map((issue) => {
    const keys = issue.path?.map((item) => item.key) ?? [];
    const pointer = source === "query"
      ? keys.map(String).join(".")
      : keys.map((key) => "/" + pointerSegment(key)).join("");
    return { pointer, detail: issueDetail(issue) };
  });
}

/** Throws 422 VALIDATION_FAILED when `input` does not satisfy `schema`, else returns the output. */
export function validateOrThrow<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  source: "body" | "query",
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw new Problem(platformProblems.VALIDATION_FAILED, `The request ${source} is not valid.`, {
    errors: fieldErrors(result.issues, source),
  });
}

/** True for `application/json` and `application/*+json` media types, with any parameters. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** 415 unless `contentType` is a JSON media type. */
function requireJsonMediaType(contentType: string | undefined): void {
  if (isJsonMediaType(contentType)) return;
  throw new Problem(platformProblems.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", {
    headers: { accept: "application/json" },
  });
}

/** Reads a JSON body: 415 for another media type, 400 MALFORMED_JSON for text that is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  requireJsonMediaType(request.headers.get("content-type") ?? undefined);
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Problem(platformProblems.MALFORMED_JSON, "The request body is not valid JSON.", {
      cause: error,
    });
  }
}

/** Deeper than any body of the API; a deeper one is an attack on the validator's stack. */
export const maxJsonDepth = 64;

/**
 * The first thing in `value` the API refuses before validation, as a field
 * error: nesting deeper than `maxJsonDepth`, or a string (value or key)
 * holding a NUL character (Postgres cannot store one). Walks with an explicit
 * stack, so a hostile body cannot overflow the call stack.
 */
export function refusedJsonPart(value: unknown): FieldError | undefined {
  const stack: [unknown, string, number][] = [[value, "", 0]];
  while (stack.length > 0) {
    const [item, pointer, depth] = stack.pop()!;
    if (typeof item === "string") {
      if (item.includes("\0")) return { pointer, detail: "must not contain NUL characters" };
      continue;
    }
    if (typeof item !== "object" || item === null) continue;
    if (depth >= maxJsonDepth) {
      return { pointer, detail: `must not nest deeper than ${maxJsonDepth} levels` };
    }
    const entries = Object.entries(item);
    // Pushed in reverse so the first offending member is the one reported.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i];
      const at = `${pointer}/${pointerSegment(key)}`;
      if (key.includes("\0")) return { pointer: at, detail: "must not contain NUL characters" };
      stack.push([inner, at, depth + 1]);
    }
  }
  return undefined;
}

/** 422 when `input` nests too deep or holds a NUL character anywhere. */
function refuseUnsafeJson(input: unknown, source: "body" | "query"): void {
  const refused = refusedJsonPart(input);
  if (refused === undefined) return;
  throw new Problem(platformProblems.VALIDATION_FAILED, `The request ${source} is not valid.`, {
    errors: [{
      pointer: source === "query" ? refused.pointer.slice(1) : refused.pointer,
      detail: refused.detail,
    }],
  });
}

type Validated<Target extends keyof ValidationTargets, S extends v.GenericSchema> = {
  in: { [K in Target]: v.InferInput<S> };
  out: { [K in Target]: v.InferOutput<S> };
};

/**
 * The hook of the library's validator: a failure is re-read with valibot
 * (first issue of each pipe, exact paths) and thrown as 422 problem+json,
 * never the library's own 400 with valibot's raw issues.
 */
function problemHook<S extends v.GenericSchema>(schema: S, source: "body" | "query") {
  return (result: { success: boolean; data: unknown }) => {
    if (!result.success) validateOrThrow(schema, result.data, source);
  };
}

/** Requests are described as sent: a pipe's actions after a transformation describe its output. */
const describeInput = { options: { typeMode: "input" } };

/**
 * The library's validator for `target`, behind `precheck`: one middleware
 * that hono-openapi still recognises, so the same schema both checks the
 * request and describes it in the OpenAPI document.
 */
function checked<M extends MiddlewareHandler>(
  validate: M,
  precheck: (c: Context) => Promise<void> | void,
): M {
  const middleware: MiddlewareHandler = async (c, next) => {
    await precheck(c);
    return await validate(c, next);
  };
  return Object.assign(middleware, {
    [uniqueSymbol]: (validate as unknown as Record<symbol, unknown>)[uniqueSymbol],
  }) as unknown as M;
}

/** Validates the JSON body against `schema`; handlers read it with `c.req.valid("json")`. */
export function jsonBody<S extends v.GenericSchema, E extends Env = Env, P extends string = string>(
  schema: S,
): MiddlewareHandler<E, P, Validated<"json", S>> {
  const validate = validator("json", schema, problemHook(schema, "body"), describeInput);
  return checked(validate, async (c) => {
    requireJsonMediaType(c.req.header("content-type"));
    let body: unknown;
    try {
      // Hono caches the parsed body: the validator reads this one.
      body = await c.req.json();
    } catch (error) {
      throw new Problem(platformProblems.MALFORMED_JSON, "The request body is not valid JSON.", {
        cause: error,
      });
    }
    // Every body of the API is an object; valibot would read `[]` as `{}`.
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new Problem(
        platformProblems.VALIDATION_FAILED,
        "The request body must be a JSON object.",
        { errors: [{ pointer: "", detail: "must be a JSON object" }] },
      );
    }
    refuseUnsafeJson(body, "body");
  }) as unknown as MiddlewareHandler<E, P, Validated<"json", S>>;
}

/** Validates the query string against `schema`; handlers read it with `c.req.valid("query")`. */
export function queryParams<
  S extends v.GenericSchema,
  E extends Env = Env,
  P extends string = string,
>(schema: S): MiddlewareHandler<E, P, Validated<"query", S>> {
  const validate = validator("query", schema, problemHook(schema, "query"), describeInput);
  return checked(validate, (c) => {
    refuseUnsafeJson(c.req.query(), "query");
  }) as unknown as MiddlewareHandler<E, P, Validated<"query", S>>;
}
