import assert from "node:assert/strict";
import { readCli } from "./cli.ts";

const spec = { usage: "Usage: tool [--port n]", options: { port: { type: "string" as const } } };

function capture() {
  const printed = { out: [] as string[], err: [] as string[] };
  return {
    printed,
    print: {
      out: (text: string) => printed.out.push(text),
      err: (text: string) => printed.err.push(text),
    },
  };
}

Deno.test("[tools] cli: --help prints the usage and asks for exit 0", () => {
  const { printed, print } = capture();
  assert.deepEqual(readCli(["--help"], spec, print), { exitCode: 0 });
  assert.deepEqual(printed.out, [spec.usage]);
});

Deno.test("[tools] cli: an unknown flag names itself, prints the usage, and asks for exit 2", () => {
  const { printed, print } = capture();
  assert.deepEqual(readCli(["--bogus"], spec, print), { exitCode: 2 });
  assert.match(printed.err[0], /--bogus/);
  assert.match(printed.err[0], /Usage: tool/);
});

Deno.test("[tools] cli: known flags parse", () => {
  const { print } = capture();
  const result = readCli(["--port", "5"], spec, print);
  assert.ok("values" in result);
  assert.equal(result.values.port, "5");
});
