import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import type { Page } from "../../shared/http/paging.ts";
import type { DeviceBody } from "./device_schema.ts";
import { maxDevicesPerMember } from "./devices_repository.ts";
import { bearer, type Fixture, notificationsTest, send, startedAt } from "./testing.ts";

const path = "/v1/me/devices";
const tokenOf = (name: string) => `ExponentPushToken[${name}]`;

async function devicesOf(fx: Fixture, userId: string, query = "?limit=100") {
  const response = await fx.request(`${path}${query}`, bearer(await fx.token(userId)));
  return await expectJson<Page<DeviceBody>>(response, 200);
}

async function register(fx: Fixture, userId: string, body: unknown, status = 201) {
  const response = await fx.request(path, send("POST", await fx.token(userId), body));
  return await expectJson<DeviceBody>(response, status);
}

notificationsTest("[notifications] POST /v1/me/devices", async (t, fx) => {
  await t.step("registers a token: 201 with the device", async () => {
    const device = await register(fx, "u-ada", {
      expoPushToken: tokenOf("ada-phone"),
      platform: "ios",
    });
    assert.deepEqual(device, {
      id: device.id,
      expoPushToken: tokenOf("ada-phone"),
      platform: "ios",
      createdAt: startedAt.toISOString(),
    });
    assert.deepEqual((await devicesOf(fx, "u-ada")).items, [device]);
  });

  await t.step("the same token again: 200 with the same device, nothing added", async () => {
    const body = { expoPushToken: "ExpoPushToken[ada-tablet]", platform: "android" };
    const first = await register(fx, "u-ada", body);
    const again = await register(fx, "u-ada", body, 200);
    assert.deepEqual(again, first);
    assert.equal((await devicesOf(fx, "u-ada")).items.length, 2);
  });

  await t.step("a token another member had moves to the caller, same id", async () => {
    const body = { expoPushToken: tokenOf("shared-phone"), platform: "android" };
    const bobs = await register(fx, "u-bob", body);
    const cys = await register(fx, "u-cy", body, 200);
    assert.equal(cys.id, bobs.id);
    assert.deepEqual((await devicesOf(fx, "u-bob")).items, []);
    assert.deepEqual((await devicesOf(fx, "u-cy")).items.map((d) => d.id), [bobs.id]);
  });

  await t.step(`keeps a member's ${maxDevicesPerMember} newest devices`, async () => {
    for (let n = 0; n <= maxDevicesPerMember; n++) {
      fx.advance(1);
      await register(fx, "u-many", { expoPushToken: tokenOf(`many-${n}`), platform: "web" });
    }
    const tokens = (await devicesOf(fx, "u-many")).items.map((d) => d.expoPushToken);
    assert.equal(tokens.length, maxDevicesPerMember);
    assert.equal(tokens[0], tokenOf(`many-${maxDevicesPerMember}`));
    assert.ok(!tokens.includes(tokenOf("many-0")));
  });

  const valid = { expoPushToken: tokenOf("valid"), platform: "ios" };
  const invalid: [string, unknown, string[]][] = [
    ["a token that is not Expo's", { ...valid, expoPushToken: "fcm:abc" }, ["/expoPushToken"]],
    ["an empty token", { ...valid, expoPushToken: "ExponentPushToken[]" }, ["/expoPushToken"]],
    ["a token with spaces", { ...valid, expoPushToken: "ExponentPushToken[a b]" }, [
      "/expoPushToken",
    ]],
    ["an overlong token", { ...valid, expoPushToken: tokenOf("x".repeat(201)) }, [
      "/expoPushToken",
    ]],
    ["a number as token", { ...valid, expoPushToken: 42 }, ["/expoPushToken"]],
    ["an unknown platform", { ...valid, platform: "windows" }, ["/platform"]],
    ["no platform", { expoPushToken: valid.expoPushToken }, ["/platform"]],
    ["an unknown member", { ...valid, userId: "u-bob" }, ["/userId"]],
    ["an array", [valid], [""]],
  ];
  for (const [name, body, pointers] of invalid) {
    await t.step(`is 422 for ${name}, and stores nothing`, async () => {
      const response = await fx.request(path, send("POST", await fx.token("u-dee"), body));
      const problem = await expectProblem(response, 422, "VALIDATION_FAILED");
      assert.deepEqual(problem.errors?.map((error) => error.pointer), pointers);
      assert.deepEqual((await devicesOf(fx, "u-dee")).items, []);
    });
  }

  await t.step("is 400 for malformed JSON, 415 for another media type", async () => {
    const headers = { authorization: `Bearer ${await fx.token("u-dee")}` };
    await expectProblem(
      await fx.request(path, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: "{",
      }),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await fx.request(path, {
        method: "POST",
        headers: { ...headers, "content-type": "text/plain" },
        body: JSON.stringify(valid),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  await t.step("is 401 without a token", async () => {
    await expectProblem(
      await fx.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(valid),
      }),
      401,
      "UNAUTHENTICATED",
    );
    await expectProblem(await fx.request(path), 401, "UNAUTHENTICATED");
  });
});

notificationsTest("[notifications] GET /v1/me/devices", async (t, fx) => {
  const made: DeviceBody[] = [];
  for (let n = 0; n < 5; n++) {
    fx.advance(1);
    made.push(await register(fx, "u-eve", { expoPushToken: tokenOf(`eve-${n}`), platform: "ios" }));
  }

  await t.step("pages newest first with opaque cursors", async () => {
    const first = await devicesOf(fx, "u-eve", "?limit=2");
    assert.deepEqual(first.items.map((d) => d.id), [made[4].id, made[3].id]);
    assert.ok(first.nextCursor);
    const seen = [...first.items];
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = await devicesOf(fx, "u-eve", `?limit=2&cursor=${cursor}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen.map((d) => d.id), made.map((d) => d.id).reverse());
  });

  await t.step("is 422 for a bad limit or a cursor of another list", async () => {
    const token = await fx.token("u-eve");
    const tooMany = await expectProblem(
      await fx.request(`${path}?limit=101`, bearer(token)),
      422,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(tooMany.errors?.map((error) => error.pointer), ["limit"]);
    const inboxCursor = btoa(JSON.stringify({ k: "nt", t: "x", i: "y" })).replaceAll("=", "");
    const foreign = await expectProblem(
      await fx.request(`${path}?cursor=${inboxCursor}`, bearer(token)),
      422,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(foreign.errors?.map((error) => error.pointer), ["cursor"]);
  });

  await t.step("shows no one else's devices", async () => {
    assert.deepEqual((await devicesOf(fx, "u-fay")).items, []);
  });
});

notificationsTest("[notifications] DELETE /v1/me/devices/:id", async (t, fx) => {
  const gus = await register(fx, "u-gus", { expoPushToken: tokenOf("gus"), platform: "android" });

  await t.step("another member's device: 404, and it stays", async () => {
    const response = await fx.request(
      `${path}/${gus.id}`,
      send("DELETE", await fx.token("u-hal")),
    );
    await expectProblem(response, 404, "DEVICE_NOT_FOUND");
    assert.equal((await devicesOf(fx, "u-gus")).items.length, 1);
  });

  await t.step("an unknown or malformed id: 404", async () => {
    const token = await fx.token("u-gus");
    for (const id of ["no-such-device", "%00", "a".repeat(101)]) {
      await expectProblem(
        await fx.request(`${path}/${id}`, send("DELETE", token)),
        404,
        "DEVICE_NOT_FOUND",
      );
    }
  });

  await t.step("the owner's own: 204, then 404", async () => {
    const token = await fx.token("u-gus");
    const response = await fx.request(`${path}/${gus.id}`, send("DELETE", token));
    assert.equal(response.status, 204);
    assert.deepEqual((await devicesOf(fx, "u-gus")).items, []);
    await expectProblem(
      await fx.request(`${path}/${gus.id}`, send("DELETE", token)),
      404,
      "DEVICE_NOT_FOUND",
    );
  });
});

notificationsTest("[notifications] devices are erased with the account", async (t, fx) => {
  await t.step("UserDeleted deletes the member's devices, no one else's", async () => {
    await register(fx, "u-ivy", { expoPushToken: tokenOf("ivy-1"), platform: "ios" });
    await register(fx, "u-ivy", { expoPushToken: tokenOf("ivy-2"), platform: "web" });
    await register(fx, "u-jo", { expoPushToken: tokenOf("jo"), platform: "ios" });
    await fx.delivered({
      type: "UserDeleted",
      payload: { userId: "u-ivy", deletedAt: startedAt.toISOString() },
    });
    assert.deepEqual((await devicesOf(fx, "u-ivy")).items, []);
    assert.equal((await devicesOf(fx, "u-jo")).items.length, 1);
  });
});
