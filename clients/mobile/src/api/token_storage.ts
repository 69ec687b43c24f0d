/**
 * The login's tokens in expo-secure-store (Keychain / Keystore): the refresh token survives a
 * restart, readable only by this app.
 */
import * as SecureStore from "expo-secure-store";
import type { TokenPair, TokenStorage } from "@fitconnect/clients-shared/auth";

const key = "fitconnect.tokens";

/** The secure store of the device. */
export const tokenStorage: TokenStorage = {
  async load() {
    const text = await SecureStore.getItemAsync(key);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as TokenPair;
    } catch {
      return undefined;
    }
  },
  save: (pair) => SecureStore.setItemAsync(key, JSON.stringify(pair)),
  clear: () => SecureStore.deleteItemAsync(key),
};
