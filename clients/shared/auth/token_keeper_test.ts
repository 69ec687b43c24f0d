import assert from "node:assert/strict";
import { createTokenKeeper, type RefreshOutcome, type TokenPair } from "./token_keeper.ts";

/** The API's rule: each refresh token works once; a spent one again revokes the login. */
function rotatingApi() {
  let generation = 0;
  let revoked = false;
  const calls: string[] = [];
  return {
    calls,
    first: { accessToken: "a0", refreshToken: "r0", expiresAt: 0 } satisfies TokenPair,
    async refresh(token: string): Promise<RefreshOutcome> {
      calls.push(token);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (revoked || token !== `r${generation}`) {
        revoked = true;
        return { kind: "refused" };
      }
      generation++;
      return {
        kind: "renewed",
        pair: { accessToken: `a${generation}`, refreshToken: `r${generation}`, expiresAt: 0 },
      };
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

Deno.test("token keeper: concurrent 401s share one refresh; a late loser does not refresh again", async () => {
  const api = rotatingApi();
  const storage = memoryStorage();
  const keeper = createTokenKeeper({ storage, refresh: api.refresh });
  await keeper.adopt(api.first);
  assert.deepEqual(
    await Promise.all([keeper.refresh("a0"), keeper.refresh("a0"), keeper.refresh("a0")]),
    [true, true, true],
  );
  assert.equal(await keeper.refresh("a0"), true);
  assert.deepEqual(api.calls, ["r0"]);
  assert.equal(storage.kept()?.refreshToken, "r1");
  assert.equal(keeper.accessToken(), "a1");
});

Deno.test("token keeper: no answer keeps the login, a refusal ends it and clears storage", async () => {
  const storage = memoryStorage();
  let answer: RefreshOutcome = { kind: "unavailable" };
  const keeper = createTokenKeeper({ storage, refresh: () => Promise.resolve(answer) });
  await keeper.adopt({ accessToken: "a", refreshToken: "r", expiresAt: 0 });
  assert.equal(await keeper.refresh(), true);
  answer = { kind: "refused" };
  assert.equal(await keeper.refresh(), false);
  assert.equal(keeper.signedIn(), false);
  assert.equal(storage.kept(), undefined);
});
