// Jest's global setup of the integration suite: one real platform for every test file.
const { startPlatform } = require("./platform");

module.exports = async function globalSetup() {
  const platform = await startPlatform();
  globalThis.__fitconnectPlatform = platform;
  // Read by src/config.ts (and the tests) in the worker processes Jest starts after this.
  process.env.EXPO_PUBLIC_API_URL = platform.baseUrl;
  process.env.FITCONNECT_PUSH_RECORDER_URL = platform.recorderUrl;
};
