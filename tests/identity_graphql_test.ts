/**
 * Identity through GraphQL: the same behaviour and error codes as REST.
 */
import assert from "node:assert/strict";
import { expectJson } from "../shared/testing/assertions.ts";
import { bearer } from "../shared/testing/requests.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface GraphqlResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: {
    message: string;
    extensions: { code: string; status: number; requestId: string; errors?: { pointer: string }[] };
  }[];
}

async function graphql<T = Record<string, unknown>>(
  platform: TestPlatform,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResult<T>> {
  const response = await platform.request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return await expectJson<GraphqlResult<T>>(response, 200);
}

const authFields = "accessToken refreshToken tokenType expiresIn user { id email displayName }";

platformTest("[graphql] identity", async (t, open) => {
  const platform = await open();
  type Auth = { accessToken: string; refreshToken: string; user: { id: string } };
  let session: Auth;

  await t.step("register(input) returns tokens and the user", async () => {
    const result = await graphql<{ register: Auth }>(
      platform,
      `mutation ($input: RegisterInput!) { register(input: $input) { ${authFields} } }`,
      {
        input: { email: "lin@example.com", password: "correct horse battery", displayName: "Lin" },
      },
    );
    assert.equal(result.errors, undefined);
    session = result.data!.register;
    assert.ok(session.accessToken && session.refreshToken);
  });

  await t.step("a taken email is EMAIL_TAKEN with status 409", async () => {
    const result = await graphql(
      platform,
      `mutation { register(input: { email: "LIN@example.com", password: "another password", displayName: "X" }) { user { id } } }`,
    );
    assert.equal(result.data, null);
    assert.equal(result.errors?.[0].extensions.code, "EMAIL_TAKEN");
    assert.equal(result.errors?.[0].extensions.status, 409);
    assert.ok(result.errors?.[0].extensions.requestId);
  });

  await t.step("validation errors carry the REST pointers", async () => {
    const result = await graphql(
      platform,
      `mutation { register(input: { email: "x@example.com", password: "short", displayName: "X" }) { user { id } } }`,
    );
    assert.equal(result.errors?.[0].extensions.code, "VALIDATION_FAILED");
    assert.deepEqual(result.errors?.[0].extensions.errors?.map((e) => e.pointer), ["/password"]);
  });

  await t.step("login and a wrong password", async () => {
    const ok = await graphql<{ login: Auth }>(
      platform,
      `mutation { login(input: { email: "lin@example.com", password: "correct horse battery" }) { ${authFields} } }`,
    );
    assert.equal(ok.data?.login.user.id, session.user.id);
    const wrong = await graphql(
      platform,
      `mutation { login(input: { email: "lin@example.com", password: "wrong password" }) { accessToken } }`,
    );
    assert.equal(wrong.errors?.[0].extensions.code, "INVALID_CREDENTIALS");
    assert.equal(wrong.errors?.[0].extensions.status, 401);
  });

  await t.step("me needs a token, then shows the caller", async () => {
    const anonymous = await graphql(platform, "{ me { id } }");
    assert.equal(anonymous.errors?.[0].extensions.code, "UNAUTHENTICATED");
    const me = await graphql<{ me: { id: string; displayName: string; role: string } }>(
      platform,
      "{ me { id displayName role units goals } }",
      {},
      bearer(session.accessToken),
    );
    assert.equal(me.data?.me.id, session.user.id);
    assert.equal(me.data?.me.role, "member");
  });

  await t.step("updateProfile changes only what is given", async () => {
    const result = await graphql<
      { updateProfile: { bio: string; displayName: string; timezone: string } }
    >(
      platform,
      `mutation { updateProfile(input: { bio: "Lifts", timezone: "Asia/Tokyo" }) { bio displayName timezone } }`,
      {},
      bearer(session.accessToken),
    );
    assert.deepEqual(result.data?.updateProfile, {
      bio: "Lifts",
      displayName: "Lin",
      timezone: "Asia/Tokyo",
    });
    const bad = await graphql(
      platform,
      `mutation { updateProfile(input: { timezone: "Nowhere/Land" }) { bio } }`,
      {},
      bearer(session.accessToken),
    );
    assert.equal(bad.errors?.[0].extensions.code, "VALIDATION_FAILED");
  });

  await t.step("refreshToken rotates; reuse is REFRESH_TOKEN_REUSED; logout is true", async () => {
    const rotated = await graphql<{ refreshToken: Auth }>(
      platform,
      `mutation ($t: String!) { refreshToken(input: { refreshToken: $t }) { ${authFields} } }`,
      { t: session.refreshToken },
    );
    assert.ok(rotated.data?.refreshToken.refreshToken);
    const reused = await graphql(
      platform,
      `mutation ($t: String!) { refreshToken(input: { refreshToken: $t }) { accessToken } }`,
      { t: session.refreshToken },
    );
    assert.equal(reused.errors?.[0].extensions.code, "REFRESH_TOKEN_REUSED");
    const logout = await graphql<{ logout: boolean }>(
      platform,
      `mutation ($t: String!) { logout(input: { refreshToken: $t }) }`,
      { t: rotated.data!.refreshToken.refreshToken },
    );
    assert.equal(logout.data?.logout, true);
  });

  await t.step("a mutation over GET is refused with 405", async () => {
    const query = encodeURIComponent('mutation { logout(input: { refreshToken: "x" }) }');
    const response = await platform.request(`/graphql?query=${query}`);
    assert.equal(response.status, 405);
    const body = await response.json();
    assert.equal(body.errors[0].extensions.code, "METHOD_NOT_ALLOWED");
  });
});
