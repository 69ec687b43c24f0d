// Metro: the app plus the shared package of clients/ (watched, resolved through its exports).
const path = require("node:path");
const { getDefaultConfig } = require("expo/metro-config");
const { sharedRoot, sharedExports } = require("./shared_exports");
const { publicEnvironmentKey } = require("./public_environment");

const config = getDefaultConfig(__dirname);
// Expo inlines EXPO_PUBLIC_* values when it transforms a file, but Metro's cache key does not
// include them: a build after changing EXPO_PUBLIC_API_URL would reuse files transformed with the
// old URL. Their values become part of the cache version, so each set of values has its own
// cached transforms and no build needs --clear.
config.cacheVersion = `${config.cacheVersion ?? ""}:${publicEnvironmentKey(process.env)}`;
config.watchFolders = [...(config.watchFolders ?? []), sharedRoot];
// clients/shared has no node_modules of its own: Babel's helpers come from the app's.
config.resolver.nodeModulesPaths = [path.resolve(__dirname, "node_modules")];
const upstream = config.resolver.resolveRequest;
config.resolver.resolveRequest = (context, moduleName, platform) => {
  const file = sharedExports[moduleName];
  if (file) return { type: "sourceFile", filePath: file };
  return upstream
    ? upstream(context, moduleName, platform)
    : context.resolveRequest(context, moduleName, platform);
};

module.exports = config;
