import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../../shared/testing/assertions.ts";
import type { Page } from "../../shared/http/paging.ts";
import type { NotificationBody, PreferencesBody } from "./schema.ts";
import { bearer, type Fixture, notificationsTest, registered, send } from "./testing.ts";

/** Gives `userId` a welcome and `count` report notifications, one a minute, oldest first. */
async function seed(fx: Fixture, userId: string, count: number): Promise<void> {
  await fx.delivered({ type: "UserRegistered", payload: registered(userId) });
  for (let i = 1; i <= count; i++) {
    fx.advance(60);
    await fx.delivered({
      type: "ReportReady",
      payload: { userId, reportId: `${userId}-r${i}`, kind: "volume" },
    });
  }
}

async function list(fx: Fixture, userId: string, query = ""): Promise<Page<NotificationBody>> {
  const response = await fx.request(`/v1/notifications${query}`, bearer(await fx.token(userId)));
  return await expectJson<Page<NotificationBody>>(response, 200);
}

/** Every page of the inbox with `query`, following `nextCursor`. */
async function allPages(fx: Fixture, userId: string, query: string) {
  const pages: NotificationBody[][] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? "" : `&cursor=${cursor}`;
    const page: Page<NotificationBody> = await list(fx, userId, `?${query}${suffix}`);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

const reportIds = (items: NotificationBody[]) =>
  items.map((item) => (item.data as { reportId?: string }).reportId ?? item.type);

notificationsTest("[notifications] GET /v1/notifications", async (t, fx) => {
  await seed(fx, "u-ada", 4);
  await seed(fx, "u-bob", 1);

  await t.step("answers the caller's notifications newest first, privately", async () => {
    const response = await fx.request("/v1/notifications", bearer(await fx.token("u-ada")));
    assert.equal(response.headers.get("cache-control"), "private, no-store");
    const page = await expectJson<Page<NotificationBody>>(response, 200);
    assert.deepEqual(reportIds(page.items), [
      "u-ada-r4",
      "u-ada-r3",
      "u-ada-r2",
      "u-ada-r1",
      "welcome",
    ]);
    assert.equal(page.nextCursor, null);
    assert.deepEqual(Object.keys(page.items[0]), [
      "id",
      "type",
      "title",
      "body",
      "data",
      "createdAt",
      "readAt",
    ]);
  });

  await t.step("pages with an opaque cursor, without repeats or gaps", async () => {
    const pages = await allPages(fx, "u-ada", "limit=2");
    assert.deepEqual(pages.map(reportIds), [
      ["u-ada-r4", "u-ada-r3"],
      ["u-ada-r2", "u-ada-r1"],
      ["welcome"],
    ]);
  });

  await t.step("pages through notifications created in the same instant", async () => {
    for (let i = 0; i < 5; i++) {
      await fx.delivered({
        type: "ReportReady",
        payload: { userId: "u-cy", reportId: `same-${i}`, kind: "volume" },
      });
    }
    const pages = await allPages(fx, "u-cy", "limit=2");
    assert.deepEqual(pages.map((page) => page.length), [2, 2, 1]);
    assert.equal(new Set(pages.flat().map((item) => item.id)).size, 5);
  });

  await t.step("filters unread and read notifications", async () => {
    const token = await fx.token("u-ada");
    const [newest, , third] = (await list(fx, "u-ada")).items;
    for (const item of [newest, third]) {
      const response = await fx.request(`/v1/notifications/${item.id}/read`, send("POST", token));
      assert.equal(response.status, 204);
    }
    assert.deepEqual(reportIds((await list(fx, "u-ada", "?unread=true")).items), [
      "u-ada-r3",
      "u-ada-r1",
      "welcome",
    ]);
    assert.deepEqual(reportIds((await list(fx, "u-ada", "?unread=false")).items), [
      "u-ada-r4",
      "u-ada-r2",
    ]);
    const pages = await allPages(fx, "u-ada", "unread=true&limit=1");
    assert.deepEqual(pages.map(reportIds), [["u-ada-r3"], ["u-ada-r1"], ["welcome"]]);
  });

  await t.step("shows no one else's notifications", async () => {
    assert.deepEqual(reportIds((await list(fx, "u-bob")).items), ["u-bob-r1", "welcome"]);
    assert.deepEqual((await list(fx, "u-nobody")).items, []);
  });

  const invalid: [string, string][] = [
    ["?unread=yes", "unread"],
    ["?unread=TRUE", "unread"],
    ["?unread=1", "unread"],
    ["?limit=0", "limit"],
    ["?limit=101", "limit"],
    ["?limit=abc", "limit"],
    ["?limit=-1", "limit"],
    ["?cursor=not-a-cursor", "cursor"],
    [`?cursor=${btoa('{"k":"se","t":"x","i":"y"}').replaceAll("=", "")}`, "cursor"],
  ];
  for (const [query, pointer] of invalid) {
    await t.step(`is 422 on ${pointer} for ${query}`, async () => {
      const response = await fx.request(
        `/v1/notifications${query}`,
        bearer(await fx.token("u-ada")),
      );
      const problem = await expectProblem(response, 422, "VALIDATION_FAILED");
      assert.deepEqual(problem.errors?.map((error) => error.pointer), [pointer]);
    });
  }

  await t.step("accepts limit=1 and limit=100", async () => {
    assert.equal((await list(fx, "u-ada", "?limit=1")).items.length, 1);
    assert.equal((await list(fx, "u-ada", "?limit=100")).items.length, 5);
  });

  await t.step("is 401 without a valid token", async () => {
    await expectProblem(await fx.request("/v1/notifications"), 401, "UNAUTHENTICATED");
    await expectProblem(
      await fx.request("/v1/notifications", bearer("a.b.c")),
      401,
      "UNAUTHENTICATED",
    );
  });
});

notificationsTest("[notifications] POST /v1/notifications/:id/read", async (t, fx) => {
  await seed(fx, "u-ada", 1);
  await seed(fx, "u-bob", 0);
  const ada = await fx.token("u-ada");
  const bob = await fx.token("u-bob");
  const [adaReport] = (await list(fx, "u-ada")).items;
  const [bobWelcome] = (await list(fx, "u-bob")).items;

  await t.step("marks the caller's notification read at the current time", async () => {
    fx.advance(30);
    const response = await fx.request(`/v1/notifications/${adaReport.id}/read`, send("POST", ada));
    assert.equal(response.status, 204);
    assert.equal(await response.text(), "");
    const [read] = (await list(fx, "u-ada")).items;
    assert.equal(read.readAt, fx.now().toISOString());
  });

  await t.step("is idempotent and keeps the first readAt", async () => {
    const first = fx.now().toISOString();
    fx.advance(300);
    const response = await fx.request(`/v1/notifications/${adaReport.id}/read`, send("POST", ada));
    assert.equal(response.status, 204);
    await response.body?.cancel();
    assert.equal((await list(fx, "u-ada")).items[0].readAt, first);
  });

  await t.step("is 404 for another member's notification, and changes nothing", async () => {
    await expectProblem(
      await fx.request(`/v1/notifications/${bobWelcome.id}/read`, send("POST", ada)),
      404,
      "NOTIFICATION_NOT_FOUND",
    );
    assert.equal((await list(fx, "u-bob")).items[0].readAt, null);
    await expectProblem(
      await fx.request(`/v1/notifications/${adaReport.id}/read`, send("POST", bob)),
      404,
      "NOTIFICATION_NOT_FOUND",
    );
  });

  await t.step("is 404 for an id that does not exist", async () => {
    for (const id of ["nope", crypto.randomUUID(), "%E2%9C%93"]) {
      await expectProblem(
        await fx.request(`/v1/notifications/${id}/read`, send("POST", ada)),
        404,
        "NOTIFICATION_NOT_FOUND",
      );
    }
  });

  await t.step("is 401 without a token, 405 for GET", async () => {
    await expectProblem(
      await fx.request(`/v1/notifications/${adaReport.id}/read`, { method: "POST" }),
      401,
      "UNAUTHENTICATED",
    );
    const response = await fx.request(`/v1/notifications/${adaReport.id}/read`, bearer(ada));
    assert.equal(response.status, 405);
    await response.body?.cancel();
  });
});

notificationsTest("[notifications] /v1/notifications/preferences", async (t, fx) => {
  const path = "/v1/notifications/preferences";
  const ada = await fx.token("u-ada");

  await t.step("answers the defaults for a member who never chose", async () => {
    const response = await fx.request(path, bearer(ada));
    assert.deepEqual(await expectJson<PreferencesBody>(response, 200), {
      inApp: true,
      email: true,
      push: true,
      quietHours: null,
    });
  });

  await t.step("stores a choice and answers it on GET (a window across midnight)", async () => {
    const choice = {
      inApp: false,
      email: true,
      push: true,
      quietHours: { start: "22:30", end: "06:45" },
    };
    assert.deepEqual(
      await expectJson(await fx.request(path, send("PUT", ada, choice)), 200),
      choice,
    );
    assert.deepEqual(await expectJson(await fx.request(path, bearer(ada)), 200), choice);
  });

  await t.step("clears quiet hours with null or by leaving them out", async () => {
    const base = { inApp: true, email: false, push: false };
    for (const body of [{ ...base, quietHours: null }, base]) {
      await fx.request(
        path,
        send("PUT", ada, { ...base, quietHours: { start: "01:00", end: "02:00" } }),
      );
      const response = await fx.request(path, send("PUT", ada, body));
      assert.deepEqual(await expectJson(response, 200), { ...base, quietHours: null });
    }
  });

  await t.step("keeps each member's choice to themselves", async () => {
    const response = await fx.request(path, bearer(await fx.token("u-bob")));
    assert.deepEqual(await expectJson(response, 200), {
      inApp: true,
      email: true,
      push: true,
      quietHours: null,
    });
  });

  await t.step("keeps what events told (email address, timezone) across a PUT", async () => {
    await fx.delivered({ type: "UserRegistered", payload: registered("u-cy", "Cy") });
    const cy = await fx.token("u-cy");
    const choice = { inApp: true, email: true, push: false };
    await expectJson(await fx.request(path, send("PUT", cy, choice)), 200);
    const before = fx.emails.length;
    await fx.delivered({
      type: "ReportReady",
      payload: { userId: "u-cy", reportId: "r", kind: "progress" },
    });
    assert.equal(fx.emails.length, before + 1);
    assert.equal(fx.emails.at(-1)?.to, "u-cy@example.com");
  });

  const valid = { inApp: true, email: true, push: false };
  const invalid: [string, unknown, string[]][] = [
    ["a missing flag", { inApp: true, email: true }, ["/push"]],
    ["a flag that is not a boolean", { ...valid, email: "yes" }, ["/email"]],
    ["a null flag", { ...valid, inApp: null }, ["/inApp"]],
    ["an hour past 23", { ...valid, quietHours: { start: "24:00", end: "06:00" } }, [
      "/quietHours/start",
    ]],
    ["a time without a leading zero", { ...valid, quietHours: { start: "22:00", end: "7:00" } }, [
      "/quietHours/end",
    ]],
    ["minutes past 59", { ...valid, quietHours: { start: "22:60", end: "06:00" } }, [
      "/quietHours/start",
    ]],
    ["seconds", { ...valid, quietHours: { start: "22:00:00", end: "06:00" } }, [
      "/quietHours/start",
    ]],
    ["an end equal to the start", { ...valid, quietHours: { start: "08:00", end: "08:00" } }, [
      "/quietHours/end",
    ]],
    ["a window without an end", { ...valid, quietHours: { start: "08:00" } }, ["/quietHours/end"]],
    ["a window that is not an object", { ...valid, quietHours: "22:00-06:00" }, ["/quietHours"]],
    ["an unknown member", { ...valid, sms: true }, ["/sms"]],
    ["an array", [valid], [""]],
  ];
  for (const [name, body, pointers] of invalid) {
    await t.step(`is 422 for ${name}`, async () => {
      const response = await fx.request(path, send("PUT", ada, body));
      const problem = await expectProblem(response, 422, "VALIDATION_FAILED");
      assert.deepEqual(problem.errors?.map((error) => error.pointer), pointers);
    });
  }

  await t.step("is 400 for malformed JSON and 415 for another media type", async () => {
    await expectProblem(
      await fx.request(path, {
        method: "PUT",
        headers: { authorization: `Bearer ${ada}`, "content-type": "application/json" },
        body: "{",
      }),
      400,
      "MALFORMED_JSON",
    );
    await expectProblem(
      await fx.request(path, {
        method: "PUT",
        headers: { authorization: `Bearer ${ada}`, "content-type": "text/plain" },
        body: JSON.stringify(valid),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  await t.step("is 401 without a token", async () => {
    await expectProblem(await fx.request(path), 401, "UNAUTHENTICATED");
    await expectProblem(
      await fx.request(path, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(valid),
      }),
      401,
      "UNAUTHENTICATED",
    );
  });
});
