/**
 * The web build (a smoke target of the same screens) has no secure store: the tokens stay in
 * memory, so a reload logs out rather than leaving a refresh token in localStorage.
 */
import type { TokenPair, TokenStorage } from "@fitconnect/clients-shared/auth";

let kept: TokenPair | undefined;

/** Memory only. */
export const tokenStorage: TokenStorage = {
  load: () => Promise.resolve(kept),
  save: (pair) => {
    kept = pair;
    return Promise.resolve();
  },
  clear: () => {
    kept = undefined;
    return Promise.resolve();
  },
};
