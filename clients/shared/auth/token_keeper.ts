/**
 * Keeps a login's tokens where the refresh token may live in storage (the phone's secure
 * store): pure TypeScript, the storage and the refresh call brought by the app.
 *
 * The API rotates the refresh token on every use and revokes the whole login when a spent one
 * comes back, so:
 *
 * 1. one refresh at a time: concurrent callers share the one in flight;
 * 2. a caller whose token was already replaced (it lost the race: its request was sent with the
 *    old access token, and another refresh finished meanwhile) gets the new token without
 *    refreshing again, so the old refresh token is never presented twice;
 * 3. the rotated pair is saved before anyone uses it, so a restart resumes with the new one;
 * 4. only the API's refusal ends the login; a network failure keeps it (retried later).
 *
 * @module
 */

/** A login's tokens. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Where the app keeps the pair (must survive a restart; secret). */
export interface TokenStorage {
  load(): Promise<TokenPair | undefined>;
  save(pair: TokenPair): Promise<void>;
  clear(): Promise<void>;
}

/** What the refresh call answered. */
export type RefreshOutcome =
  | { kind: "renewed"; pair: TokenPair }
  /** The API refused the refresh token (spent, revoked, expired): the login is over. */
  | { kind: "refused" }
  /** No answer (network, 5xx): try again later. */
  | { kind: "unavailable" };

/** Options of {@linkcode createTokenKeeper}. */
export interface TokenKeeperOptions {
  storage: TokenStorage;
  /** Presents `refreshToken` to the API once. */
  refresh(refreshToken: string): Promise<RefreshOutcome>;
  now?: () => number;
}

/** The login of one app. */
export interface TokenKeeper {
  /** Loads a saved login; true when there is one. */
  resume(): Promise<boolean>;
  /** Adopts a new login (sign-up, log-in). */
  adopt(pair: TokenPair): Promise<void>;
  /** The current access token, if signed in. */
  accessToken(): string | undefined;
  /** The current refresh token (for logout), if signed in. */
  refreshToken(): string | undefined;
  /**
   * A fresh access token. `rejected` is the access token a request was refused with: when the
   * keeper already holds another one, that one is the answer and nothing is refreshed.
   * True while the login goes on.
   */
  refresh(rejected?: string): Promise<boolean>;
  /** An access token that is not about to expire (refreshing first if needed). */
  validAccessToken(marginMs?: number): Promise<string | undefined>;
  /** Ends the login here (the caller tells the API). */
  forget(): Promise<void>;
  signedIn(): boolean;
  /** Called when the login starts or ends; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Creates a keeper over `options.storage`. */
export function createTokenKeeper(options: TokenKeeperOptions): TokenKeeper {
  const now = options.now ?? (() => Date.now());
  let pair: TokenPair | undefined;
  let inFlight: Promise<boolean> | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  function refresh(rejected?: string): Promise<boolean> {
    if (inFlight) return inFlight;
    if (!pair) return Promise.resolve(false);
    if (rejected !== undefined && rejected !== pair.accessToken) return Promise.resolve(true);
    const spent = pair.refreshToken;
    inFlight = (async () => {
      try {
        const outcome = await options.refresh(spent);
        if (outcome.kind === "renewed") {
          await options.storage.save(outcome.pair);
          pair = outcome.pair;
          return true;
        }
        if (outcome.kind === "refused") {
          // Only if nobody adopted a new login meanwhile (a log-in during the refresh).
          if (pair?.refreshToken === spent) await forget();
          return false;
        }
        return pair !== undefined;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  async function forget() {
    const had = pair !== undefined;
    pair = undefined;
    await options.storage.clear();
    if (had) notify();
  }

  return {
    async resume() {
      pair = await options.storage.load();
      if (pair) notify();
      return pair !== undefined;
    },
    async adopt(next) {
      await options.storage.save(next);
      pair = next;
      notify();
    },
    accessToken: () => pair?.accessToken,
    refreshToken: () => pair?.refreshToken,
    refresh,
    async validAccessToken(marginMs = 60_000) {
      if (pair && pair.expiresAt - marginMs <= now()) await refresh(pair.accessToken);
      return pair?.accessToken;
    },
    forget,
    signedIn: () => pair !== undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
