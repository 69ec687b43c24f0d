/**
 * Push devices through the public surface: `/v1/me/devices` routed by the
 * REST gateway to the notifications worker (ahead of the users worker's
 * `/v1/me/*`), the same in GraphQL, two members, and erasure with the
 * account (`DELETE /v1/me`, then `UserDeleted` through the queue).
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { eventually, expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import type { Page } from "../shared/http/paging.ts";
import { dataOf, graphql, refusal } from "./support/graphql.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface Device {
  id: string;
  expoPushToken: string;
  platform: string;
  createdAt: string;
}

async function devicesOf(platform: TestPlatform, token: string): Promise<Device[]> {
  const response = await platform.request("/v1/me/devices", { headers: bearer(token) });
  return (await expectJson<Page<Device>>(response, 200)).items;
}

async function storedDevices(platform: TestPlatform, userId: string): Promise<number> {
  const { rows } = await platform.stores.postgres.db.execute<{ n: number }>(
    sql`select count(*)::int as n from notifications.devices where user_id = ${userId}`,
  );
  return rows[0].n;
}

platformTest("[push] /v1/me/devices through the gateway", async (t, open) => {
  const platform = await open();
  const ada = await signUp(platform);
  const bob = await signUp(platform);
  const phone = { expoPushToken: "ExponentPushToken[ada-iphone-0001]", platform: "ios" };

  let adas: Device;
  await t.step("POST registers (201), the same token again is 200 with the same id", async () => {
    adas = await expectJson<Device>(
      await platform.request("/v1/me/devices", postJson(phone, bearer(ada.accessToken))),
      201,
    );
    assert.equal(adas.expoPushToken, phone.expoPushToken);
    assert.equal(adas.platform, "ios");
    const again = await expectJson<Device>(
      await platform.request("/v1/me/devices", postJson(phone, bearer(ada.accessToken))),
      200,
    );
    assert.deepEqual(again, adas);
    assert.deepEqual(await devicesOf(platform, ada.accessToken), [adas]);
  });

  await t.step("refuses bad input with problem+json and stores nothing", async () => {
    const problem = await expectProblem(
      await platform.request(
        "/v1/me/devices",
        postJson({ expoPushToken: "not-a-token", platform: "nokia" }, bearer(bob.accessToken)),
      ),
      422,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(problem.errors?.map((e) => e.pointer), ["/expoPushToken", "/platform"]);
    await expectProblem(
      await platform.request("/v1/me/devices", {
        method: "POST",
        headers: bearer(bob.accessToken, { "content-type": "application/json" }),
        body: "{",
      }),
      400,
      "MALFORMED_JSON",
    );
    assert.deepEqual(await devicesOf(platform, bob.accessToken), []);
  });

  await t.step("another member cannot see or delete it (404)", async () => {
    assert.deepEqual(await devicesOf(platform, bob.accessToken), []);
    await expectProblem(
      await platform.request(`/v1/me/devices/${adas.id}`, {
        method: "DELETE",
        headers: bearer(bob.accessToken),
      }),
      404,
      "DEVICE_NOT_FOUND",
    );
    assert.equal((await devicesOf(platform, ada.accessToken)).length, 1);
  });

  await t.step("DELETE removes the owner's own (204)", async () => {
    const response = await platform.request(`/v1/me/devices/${adas.id}`, {
      method: "DELETE",
      headers: bearer(ada.accessToken),
    });
    assert.equal(response.status, 204);
    assert.deepEqual(await devicesOf(platform, ada.accessToken), []);
  });

  await t.step("the rest of /v1/me still reaches the users worker", async () => {
    const me = await expectJson<{ id: string }>(
      await platform.request("/v1/me", { headers: bearer(ada.accessToken) }),
      200,
    );
    assert.equal(me.id, ada.id);
  });

  await t.step("closing the account erases the member's devices", async () => {
    const cy = await signUp(platform);
    await expectJson(
      await platform.request(
        "/v1/me/devices",
        postJson({ expoPushToken: "ExpoPushToken[cy-pixel]", platform: "android" }, {
          ...bearer(cy.accessToken),
        }),
      ),
      201,
    );
    assert.equal(await storedDevices(platform, cy.id), 1);
    const deleted = await platform.request("/v1/me", {
      method: "DELETE",
      headers: bearer(cy.accessToken),
    });
    assert.equal(deleted.status, 204, await deleted.text());
    await eventually("Cy's devices erased", () => storedDevices(platform, cy.id), (n) => n === 0);
  });
});

const deviceFields = "id expoPushToken platform createdAt";

platformTest("[push] devices in GraphQL", async (t, open) => {
  const platform = await open();
  const ada = await signUp(platform);
  const bob = await signUp(platform);
  const register = `mutation ($input: RegisterDeviceInput!) {
    registerDevice(input: $input) { ${deviceFields} }
  }`;
  const input = { expoPushToken: "ExponentPushToken[ada-graphql]", platform: "android" };

  let id = "";
  await t.step("registerDevice, then devices lists it; again: the same device", async () => {
    const first = dataOf(
      await graphql<{ registerDevice: Device }>(platform, register, ada.accessToken, { input }),
    ).registerDevice;
    id = first.id;
    assert.equal(first.expoPushToken, input.expoPushToken);
    const again = dataOf(
      await graphql<{ registerDevice: Device }>(platform, register, ada.accessToken, { input }),
    ).registerDevice;
    assert.deepEqual(again, first);
    const listed = dataOf(
      await graphql<{ devices: Device[] }>(
        platform,
        `{ devices { ${deviceFields} } }`,
        ada.accessToken,
      ),
    );
    assert.deepEqual(listed.devices, [first]);
  });

  await t.step("a bad token is refused with the REST code and pointer", async () => {
    refusal(
      await graphql(platform, register, ada.accessToken, {
        input: { expoPushToken: "abc", platform: "ios" },
      }),
      "VALIDATION_FAILED",
      422,
      ["/expoPushToken"],
    );
  });

  await t.step(
    "unregisterDevice: another member's is DEVICE_NOT_FOUND; the owner's goes",
    async () => {
      const unregister = `mutation ($id: ID!) { unregisterDevice(id: $id) }`;
      refusal(
        await graphql(platform, unregister, bob.accessToken, { id }),
        "DEVICE_NOT_FOUND",
        404,
      );
      const done = dataOf(
        await graphql<{ unregisterDevice: boolean }>(platform, unregister, ada.accessToken, { id }),
      );
      assert.equal(done.unregisterDevice, true);
      const listed = dataOf(
        await graphql<{ devices: Device[] }>(platform, `{ devices { id } }`, ada.accessToken),
      );
      assert.deepEqual(listed.devices, []);
    },
  );

  await t.step("without a token: UNAUTHENTICATED", async () => {
    refusal(await graphql(platform, `{ devices { id } }`), "UNAUTHENTICATED", 401);
  });
});
