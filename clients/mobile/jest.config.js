// Two suites: unit (fast, no server) and integration (the real platform, started once).
const { sharedExports } = require("./shared_exports");

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const shared = Object.fromEntries(
  Object.entries(sharedExports).map(([name, file]) => [`^${escape(name)}$`, file]),
);

const base = {
  preset: "jest-expo",
  // clients/shared has no node_modules of its own: Babel's helpers come from the app's.
  modulePaths: ["<rootDir>/node_modules"],
  moduleNameMapper: {
    ...shared,
    // Real SQLite (sql.js, WebAssembly) behind expo-sqlite's API: Node has no native module.
    "^expo-sqlite$": "<rootDir>/test/support/expo_sqlite_node.ts",
  },
  setupFiles: ["<rootDir>/test/support/setup.ts"],
  transformIgnorePatterns: [
    "node_modules/(?!((jest-)?react-native|@react-native(-community)?|expo(nent)?|@expo(nent)?/.*|react-native-svg|@stripe/stripe-react-native))",
  ],
};

module.exports = {
  // Upper bounds only: a loaded 2-core CI machine and a real platform behind the screens.
  testTimeout: 240_000,
  projects: [
    { ...base, displayName: "unit", testMatch: ["<rootDir>/src/**/*.test.ts?(x)"] },
    {
      ...base,
      displayName: "integration",
      testMatch: ["<rootDir>/test/integration/**/*.test.ts?(x)"],
      testEnvironment: "<rootDir>/test/support/real_network_env.js",
      setupFiles: [...base.setupFiles, "<rootDir>/test/support/real_network.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/support/after_env.ts"],
      globalSetup: "<rootDir>/test/support/global_setup.js",
      globalTeardown: "<rootDir>/test/support/global_teardown.js",
    },
  ],
};
