import assert from "node:assert/strict";
import * as v from "valibot";
import { ConfigError, parseConfig } from "../../shared/config/parse_config.ts";
import { createLogger, memorySink } from "../../shared/logging/logger.ts";
import { storeVariantTest } from "../../shared/testing/store_variants.ts";
import { expectJson } from "../../shared/testing/assertions.ts";
import { freePort } from "../../shared/testing/ports.ts";
import { startSmtpServer } from "../../shared/testing/smtp.ts";
import { defaultMailFrom, mailerFrom, notificationsEntries } from "./config.ts";
import type { Page } from "../../shared/http/paging.ts";
import type { NotificationBody } from "./schema.ts";
import { createSmtpMailer, SmtpUrlError } from "./smtp_mailer.ts";
import { openNotifications } from "./testing.ts";

const quietLog = () => createLogger({ level: "debug", sink: memorySink() });
const from = "FitConnect <no-reply@fitconnect.test>";
const schema = v.object(notificationsEntries);

Deno.test("[notifications] SMTP mailer sends through a real SMTP server", async () => {
  const server = await startSmtpServer();
  const mailer = createSmtpMailer({ url: server.url, from, log: quietLog() });
  try {
    const text = "Browse exercises, plan a workout and log your first session — " +
      "a line long enough to be wrapped by the transfer encoding. Ünïcödé too.";
    await mailer.send({ to: "ada@example.com", subject: "Welcome, Ada — 💪", text });
    await mailer.send({ to: "bob@example.com", subject: "Second", text: "Two\nlines" });
    assert.deepEqual(server.messages.map(({ raw: _, ...message }) => message), [
      { from, to: "ada@example.com", subject: "Welcome, Ada — 💪", text },
      { from, to: "bob@example.com", subject: "Second", text: "Two\nlines" },
    ]);
  } finally {
    mailer.close();
    await server.close();
  }
});

Deno.test("[notifications] SMTP mailer rejects when the server is down", async () => {
  const mailer = createSmtpMailer({
    url: `smtp://127.0.0.1:${freePort()}`,
    from,
    log: quietLog(),
    timeoutMs: 2_000,
  });
  try {
    const started = performance.now();
    await assert.rejects(mailer.send({ to: "ada@example.com", subject: "Hi", text: "Hi" }));
    assert.ok(performance.now() - started < 2_500);
  } finally {
    mailer.close();
  }
});

Deno.test("[notifications] SMTP mailer rejects within its timeout when the server never answers", async () => {
  // Accepts TCP connections and never sends the SMTP greeting.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const connections: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const connection of listener) connections.push(connection);
  })();
  const mailer = createSmtpMailer({
    url: `smtp://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    from,
    log: quietLog(),
    timeoutMs: 300,
  });
  try {
    const started = performance.now();
    await assert.rejects(mailer.send({ to: "ada@example.com", subject: "Hi", text: "Hi" }));
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 250 && elapsed < 5_000, `rejected after ${elapsed} ms`);
  } finally {
    mailer.close();
    listener.close();
    await accepting.catch(() => {});
    for (const connection of connections) connection.close();
  }
});

Deno.test("[notifications] SMTP settings", async (t) => {
  await t.step("default to no email, with the default sender", () => {
    const config = parseConfig(schema, {});
    assert.equal(config.FITCONNECT_SMTP_URL, undefined);
    assert.equal(config.FITCONNECT_MAIL_FROM, defaultMailFrom);
    const sink = memorySink();
    assert.equal(mailerFrom(config, createLogger({ sink })), undefined);
    assert.match(sink.lines.join("\n"), /email notifications off/);
  });

  await t.step("reject a URL that is not smtp(s) without echoing it", () => {
    const url = "https://user:hunter2-secret@mail.example.com";
    assert.throws(() => parseConfig(schema, { FITCONNECT_SMTP_URL: url }), (error) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.keys, ["FITCONNECT_SMTP_URL"]);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
    assert.throws(() => createSmtpMailer({ url, from, log: quietLog() }), SmtpUrlError);
  });

  await t.step("accept smtp:// and smtps:// with credentials", () => {
    for (const url of ["smtp://u:p%40ss@mail.example.com:587", "smtps://mail.example.com"]) {
      const config = parseConfig(schema, { FITCONNECT_SMTP_URL: url });
      const sink = memorySink();
      const mailer = mailerFrom(config, createLogger({ sink }));
      assert.ok(mailer);
      mailer.close();
      assert.doesNotMatch(sink.lines.join("\n"), /p%40ss|mail\.example/);
    }
  });
});

// ——— the notifications worker end to end with the SMTP mailer ———

storeVariantTest("[notifications] email over SMTP", async (t, stores) => {
  const smtp = await startSmtpServer();
  const mailer = createSmtpMailer({ url: smtp.url, from, log: quietLog(), timeoutMs: 2_000 });
  const fx = await openNotifications(stores, { mailer });
  try {
    const delivered = (type: string, payload: unknown) => fx.delivered({ type, payload });
    const token = await fx.token("u-ada");
    const call = (path: string, init: RequestInit = {}) =>
      fx.request(path, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
    const setPreferences = async (body: unknown) =>
      await expectJson(
        await call("/v1/notifications/preferences", { method: "PUT", body: JSON.stringify(body) }),
        200,
      );
    const inboxSize = async () =>
      (await expectJson<Page<NotificationBody>>(await call("/v1/notifications?limit=100"), 200))
        .items.length;
    const reportReady = (reportId: string) => ({ userId: "u-ada", reportId, kind: "progress" });

    await t.step("emails the welcome after UserRegistered", async () => {
      await delivered("UserRegistered", {
        userId: "u-ada",
        email: "u-ada@example.com",
        displayName: "Ada",
        registeredAt: fx.now().toISOString(),
      });
      assert.equal(smtp.messages.length, 1);
      const [welcome] = smtp.messages;
      assert.equal(welcome.from, from);
      assert.equal(welcome.to, "u-ada@example.com");
      assert.equal(welcome.subject, "Welcome to FitConnect, Ada!");
      assert.match(welcome.text, /log your first session/);
    });

    await t.step("sends nothing with email off, still storing in-app", async () => {
      await setPreferences({ inApp: true, email: false, push: false });
      await delivered("ReportReady", reportReady("r-1"));
      assert.equal(smtp.messages.length, 1);
      assert.equal(await inboxSize(), 2);
    });

    await t.step("sends nothing within quiet hours", async () => {
      await setPreferences({
        inApp: true,
        email: true,
        push: false,
        quietHours: { start: "11:00", end: "13:00" },
      });
      await delivered("ReportReady", reportReady("r-2"));
      assert.equal(smtp.messages.length, 1);
      assert.equal(await inboxSize(), 3);
    });

    await t.step("sends again outside quiet hours", async () => {
      await setPreferences({ inApp: true, email: true, push: false });
      await delivered("ReportReady", reportReady("r-3"));
      assert.deepEqual(smtp.messages.map(({ subject }) => subject), [
        "Welcome to FitConnect, Ada!",
        "Your report is ready",
      ]);
      assert.equal(smtp.messages[1].text, "Your progress report is ready to view.");
    });

    await t.step("answers 503, storing nothing, when the SMTP server is down", async () => {
      await smtp.close();
      const response = await fx.deliver({ type: "ReportReady", payload: reportReady("r-4") });
      assert.equal(response.status, 503);
      await response.body?.cancel();
      assert.equal(await inboxSize(), 4);
    });
  } finally {
    mailer.close();
    await smtp.close();
    await fx.close();
  }
});
