/**
 * The refresh races of a rotating refresh token, against a stand-in of the API's rule (a spent
 * token presented again revokes the whole login); the integration suite repeats the race
 * against the real platform.
 */
import { createTokenKeeper, type RefreshOutcome, type TokenPair } from "@fitconnect/clients-shared/auth";

function rotatingServer() {
  let generation = 0;
  const spent = new Set<string>();
  let revoked = false;
  const calls: string[] = [];
  return {
    calls,
    first: { accessToken: "a0", refreshToken: "r0", expiresAt: 0 } as TokenPair,
    async refresh(token: string): Promise<RefreshOutcome> {
      calls.push(token);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (revoked || spent.has(token) || token !== `r${generation}`) {
        revoked = true;
        return { kind: "refused" };
      }
      spent.add(token);
      generation++;
      return { kind: "renewed", pair: { accessToken: `a${generation}`, refreshToken: `r${generation}`, expiresAt: Date.now() + 900_000 } };
    },
  };
}

function memoryStorage() {
  let kept: TokenPair | undefined;
  return {
    kept: () => kept,
    load: () => Promise.resolve(kept),
    save: (pair: TokenPair) => Promise.resolve(void (kept = pair)),
    clear: () => Promise.resolve(void (kept = undefined)),
  };
}

test("concurrent refreshes share one call: the spent token is never presented twice", async () => {
  const api = rotatingServer();
  const storage = memoryStorage();
  const keeper = createTokenKeeper({ storage, refresh: api.refresh });
  await keeper.adopt(api.first);
  const results = await Promise.all([keeper.refresh("a0"), keeper.refresh("a0"), keeper.refresh("a0")]);
  expect(results).toEqual([true, true, true]);
  expect(api.calls).toEqual(["r0"]);
  expect(keeper.accessToken()).toBe("a1");
  expect(storage.kept()?.refreshToken).toBe("r1");
});

test("a request that lost the race gets the new token without refreshing again", async () => {
  const api = rotatingServer();
  const keeper = createTokenKeeper({ storage: memoryStorage(), refresh: api.refresh });
  await keeper.adopt(api.first);
  expect(await keeper.refresh("a0")).toBe(true);
  // A request sent with a0 comes back 401 after the refresh above finished.
  expect(await keeper.refresh("a0")).toBe(true);
  expect(api.calls).toEqual(["r0"]);
  expect(keeper.signedIn()).toBe(true);
});

test("the rotated pair is saved before use: a restart resumes with it", async () => {
  const api = rotatingServer();
  const storage = memoryStorage();
  const keeper = createTokenKeeper({ storage, refresh: api.refresh });
  await keeper.adopt(api.first);
  await keeper.refresh();
  const restarted = createTokenKeeper({ storage, refresh: api.refresh });
  expect(await restarted.resume()).toBe(true);
  expect(await restarted.refresh()).toBe(true);
  expect(api.calls).toEqual(["r0", "r1"]);
});

test("a network failure keeps the login; a refusal ends it", async () => {
  const storage = memoryStorage();
  let answer: RefreshOutcome = { kind: "unavailable" };
  const keeper = createTokenKeeper({ storage, refresh: () => Promise.resolve(answer) });
  await keeper.adopt({ accessToken: "a", refreshToken: "r", expiresAt: 0 });
  expect(await keeper.refresh()).toBe(true);
  expect(keeper.signedIn()).toBe(true);
  answer = { kind: "refused" };
  expect(await keeper.refresh()).toBe(false);
  expect(keeper.signedIn()).toBe(false);
  expect(storage.kept()).toBeUndefined();
});
