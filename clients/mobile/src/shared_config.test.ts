/** The TypeScript paths of clients/shared are the package's exports (Metro and Jest read those). */
import { sharedExports } from "../shared_exports";
import tsconfig from "../tsconfig.json";
import path from "node:path";

test("tsconfig.json maps every export of clients/shared/deno.json, and nothing else", () => {
  const expected = Object.fromEntries(
    Object.entries(sharedExports).map(([name, file]) => [name, [path.relative(path.join(__dirname, ".."), file)]]),
  );
  expect(tsconfig.compilerOptions.paths).toEqual(expected);
});
