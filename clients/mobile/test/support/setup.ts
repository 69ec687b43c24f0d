/**
 * What Node lacks of the phone, for Jest: the secure store (a Map: the Keychain is not in
 * Node), UUIDs from Node's crypto, and quiet stand-ins for push and connectivity listeners (taps can be simulated).
 * SQLite is real (./expo_sqlite_node.ts); the API is the real platform (integration suite).
 */


const mockSecure = new Map<string, string>();
(globalThis as { __secureStore?: Map<string, string> }).__secureStore = mockSecure;

jest.mock("expo-secure-store", () => ({
  getItemAsync: (key: string) => Promise.resolve(mockSecure.get(key) ?? null),
  setItemAsync: (key: string, value: string) => Promise.resolve(void mockSecure.set(key, value)),
  deleteItemAsync: (key: string) => Promise.resolve(void mockSecure.delete(key)),
}));

jest.mock("expo-crypto", () => ({ randomUUID: () => require("node:crypto").randomUUID() }));

jest.mock("expo-network", () => ({
  addNetworkStateListener: () => ({ remove() {} }),
}));

jest.mock("expo-notifications", () => ({
  getLastNotificationResponseAsync: () => Promise.resolve(null),
  // Kept so a test can tap a notification: it calls each listener as the OS would.
  addNotificationResponseReceivedListener: (listener: (response: unknown) => void) => {
    const taps = ((globalThis as { __notificationTaps?: Set<(response: unknown) => void> })
      .__notificationTaps ??= new Set());
    taps.add(listener);
    return { remove: () => void taps.delete(listener) };
  },
  getPermissionsAsync: () => Promise.resolve({ granted: true }),
  requestPermissionsAsync: () => Promise.resolve({ granted: true }),
  getExpoPushTokenAsync: () =>
    Promise.resolve({ data: (globalThis as { __expoPushToken?: string }).__expoPushToken }),
  setNotificationHandler() {},
}));
