/**
 * Configuration from the environment, parsed once at start with valibot.
 *
 * A bad configuration stops the worker before it serves anything, with one
 * message naming every bad key — never its value, which may be a secret.
 *
 * @module
 */
import * as v from "valibot";

/** The environment as a plain record (what `Deno.env.toObject()` returns). */
export type Env = Record<string, string | undefined>;

/** Thrown when the environment does not satisfy a worker's config schema. */
export class ConfigError extends Error {
  constructor(readonly keys: string[], reasons: string[]) {
    super(`Cannot parse config: ${reasons.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Parses `env` against `schema`, or throws a `ConfigError` naming every bad key. */
export function parseConfig<S extends v.GenericSchema>(schema: S, env: Env): v.InferOutput<S> {
  // Empty strings mean "unset": `FOO= deno task start` must not count as a value.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = v.safeParse(schema, present);
  if (result.success) return result.output;
  const reasons = new Map<string, string>();
  for (const issue of result.issues) {
    // The setting's name: a list's item index (`URL.0`) would only confuse whoever set it.
    const key = issue.path?.find((item) => typeof item.key === "string")?.key as string ??
      "(config)";
    if (reasons.has(key)) continue;
    const missing = issue.input === undefined;
    // Valibot's default messages echo the value ("Received ..."), which may be
    // a secret: schema issues are named by what was expected, and every
    // validation action used in a config schema carries its own message
    // phrased as an expectation ("a whole number").
    const why = missing
      ? "is required"
      : `must be ${issue.kind === "schema" ? issue.expected : issue.message}`;
    reasons.set(key, `${key} ${why}`);
  }
  throw new ConfigError([...reasons.keys()], [...reasons.values()]);
}

/** An optional TCP port with a default. */
export function portSetting(fallback: number) {
  return v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.integer("a whole number"),
      v.minValue(0, "a port from 0 to 65535"),
      v.maxValue(65535, "a port from 0 to 65535"),
    ),
    String(fallback),
  );
}

/** An optional duration in whole milliseconds, at least `min`, with a default. */
export function millisecondsSetting(fallback: number, min: number) {
  return v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.integer("a whole number of milliseconds"),
      v.minValue(min, `at least ${min} milliseconds`),
    ),
    String(fallback),
  );
}

/** An optional http(s) URL. */
export function urlSetting() {
  return v.optional(v.pipe(v.string(), v.url("an http(s) URL")));
}

/** An optional comma-separated list. */
export function listSetting(fallback = "") {
  return v.pipe(
    v.optional(v.string(), fallback),
    v.transform((text) => text.split(",").map((item) => item.trim()).filter(Boolean)),
  );
}

/** An optional enumeration with a default. */
export function choiceSetting<const T extends string>(options: readonly T[], fallback: T) {
  return v.optional(v.picklist(options), fallback);
}
