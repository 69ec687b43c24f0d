/**
 * The app's one door to the network. Every request goes through {@linkcode appFetch}, so the
 * app (and its tests) can switch the network layer off, and the outbox knows whether the
 * device believes it is online (expo-network's state, where the platform has it).
 */
import * as Network from "expo-network";

let switchedOff = false;
let deviceOnline = true;
const listeners = new Set<(online: boolean) => void>();

function notify() {
  const online = isOnline();
  for (const listener of listeners) listener(online);
}

/** True when requests may go out. */
export function isOnline(): boolean {
  return !switchedOff && deviceOnline;
}

/** Switches the network layer off (airplane mode for tests and the "offline" toggle) or on. */
export function setNetworkEnabled(enabled: boolean): void {
  switchedOff = !enabled;
  notify();
}

/** Called with the new state whenever it changes. */
export function onOnlineChange(listener: (online: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Follows the device's connectivity (once, at start). */
export function watchDeviceNetwork(): () => void {
  try {
    const subscription = Network.addNetworkStateListener((state) => {
      deviceOnline = state.isConnected !== false && state.isInternetReachable !== false;
      notify();
    });
    return () => subscription.remove();
  } catch {
    return () => {};
  }
}

/** `fetch`, failing like a dead network while the layer is switched off. */
export const appFetch: typeof fetch = (input, init) => {
  if (switchedOff) return Promise.reject(new TypeError("Network request failed (offline)"));
  return fetch(input, init);
};
