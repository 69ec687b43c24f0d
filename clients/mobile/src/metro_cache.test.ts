/** Metro's cached transforms are kept apart per EXPO_PUBLIC_* values (Expo inlines them). */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { publicEnvironmentKey } from "../public_environment";

/**
 * Metro's cache version for each of `envs` (EXPO_PUBLIC_* variables), as `expo export` would load
 * the config: in one Node process outside Jest, the config read again for each.
 */
function cacheVersionsWith(envs: Record<string, string>[]): string[] {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) if (name.startsWith("EXPO_PUBLIC_")) delete inherited[name];
  const script = `
    const versions = ${JSON.stringify(envs)}.map((env) => {
      for (const name of Object.keys(process.env)) if (name.startsWith("EXPO_PUBLIC_")) delete process.env[name];
      Object.assign(process.env, env);
      delete require.cache[require.resolve("./metro.config")];
      return require("./metro.config").cacheVersion;
    });
    process.stdout.write(JSON.stringify(versions));`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: path.join(__dirname, ".."), env: inherited, encoding: "utf8" }),
  );
}

test("another API URL is another cache version; the same values, the same one", () => {
  const lan = { EXPO_PUBLIC_API_URL: "http://192.168.1.20:8000" };
  const [first, local, again, withStripe] = cacheVersionsWith([
    lan,
    { EXPO_PUBLIC_API_URL: "http://localhost:8000" },
    lan,
    { ...lan, EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_1" },
  ]);
  expect(local).not.toBe(first);
  expect(again).toBe(first);
  expect(withStripe).not.toBe(first);
});

test("only EXPO_PUBLIC_* variables count, in any order", () => {
  const a = { EXPO_PUBLIC_A: "1", EXPO_PUBLIC_B: "2" };
  expect(publicEnvironmentKey({ ...a, HOME: "/root" })).toBe(publicEnvironmentKey({ EXPO_PUBLIC_B: "2", EXPO_PUBLIC_A: "1" }));
  expect(publicEnvironmentKey(a)).not.toBe(publicEnvironmentKey({ EXPO_PUBLIC_A: "1" }));
});
