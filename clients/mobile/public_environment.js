/**
 * A digest of the EXPO_PUBLIC_* variables (names and values): what Expo inlines into the bundle.
 * metro.config.js makes it part of Metro's cache version.
 */
const crypto = require("node:crypto");

/** The same for the same EXPO_PUBLIC_* values in any order; other variables do not count. */
function publicEnvironmentKey(env) {
  const inlined = Object.keys(env)
    .filter((name) => name.startsWith("EXPO_PUBLIC_"))
    .sort()
    .map((name) => [name, env[name]]);
  return crypto.createHash("sha256").update(JSON.stringify(inlined)).digest("hex").slice(0, 16);
}

module.exports = { publicEnvironmentKey };
