/**
 * One way for the repo's command-line tools to read their flags: `--help`
 * prints the usage and exits 0; an unknown or malformed flag prints what was
 * wrong and the usage, and exits 2 — never a stack trace.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** The options table `node:util`'s parseArgs takes. */
export type CliOptions = NonNullable<ParseArgsConfig["options"]>;

/** What a command may be told, and how to say it. */
export interface CliSpec<O extends CliOptions> {
  /** The usage text printed for `--help` and after a mistake. */
  usage: string;
  options: O;
}

/** The parsed flag values, or the exit code the command should end with. */
export type CliResult<O extends CliOptions> =
  | { values: ReturnType<typeof parseArgs<{ options: O; args: string[] }>>["values"] }
  | { exitCode: 0 | 2 };

/** Parses `args`; prints usage for `--help` or a mistake (pure apart from printing). */
export function readCli<O extends CliOptions>(
  args: string[],
  spec: CliSpec<O>,
  print: { out(text: string): void; err(text: string): void } = {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  },
): CliResult<O> {
  if (args.includes("--help") || args.includes("-h")) {
    print.out(spec.usage);
    return { exitCode: 0 };
  }
  try {
    const { values } = parseArgs({ args, options: spec.options, strict: true });
    return { values };
  } catch (error) {
    print.err(`${error instanceof Error ? error.message : error}\n\n${spec.usage}`);
    return { exitCode: 2 };
  }
}

/** {@linkcode readCli} for a `main`: exits on `--help` or a mistake, else returns the values. */
export function cliValues<O extends CliOptions>(args: string[], spec: CliSpec<O>) {
  const result = readCli(args, spec);
  if ("exitCode" in result) Deno.exit(result.exitCode);
  return result.values;
}

/** A whole-number flag in [min, max]; otherwise prints why and the usage, and exits 2. */
export function wholeNumberFlag(
  name: string,
  value: string,
  [min, max]: [number, number],
  usage: string,
): number {
  const parsed = Number(value);
  if (value.trim() !== "" && Number.isInteger(parsed) && parsed >= min && parsed <= max) {
    return parsed;
  }
  console.error(
    `Cannot parse --${name} "${value}": expected a whole number from ${min} to ${max}\n\n${usage}`,
  );
  Deno.exit(2);
}
