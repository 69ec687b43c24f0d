import assert from "node:assert/strict";
import {
  en,
  formatDate,
  formatMoney,
  formatNumber,
  formatWeight,
  type Message,
  parseAcceptLanguage,
  pickLocale,
  ru,
  translate,
} from "./mod.ts";

const nbsp = /[\u00a0\u202f]/g;
const plain = (text: string) => text.replace(nbsp, " ");

Deno.test("i18n: the language comes from the remembered choice, then Accept-Language", () => {
  assert.deepEqual(parseAcceptLanguage("de-DE,ru;q=0.8,en;q=0.9,*;q=0.1"), ["de-DE", "en", "ru"]);
  assert.deepEqual(parseAcceptLanguage("ru;q=0, en"), ["en"]);
  assert.equal(pickLocale(null, parseAcceptLanguage("ru-RU,ru;q=0.9,en;q=0.8")), "ru");
  assert.equal(pickLocale(null, ["de", "fr"]), "en");
  assert.equal(pickLocale("en", ["ru"]), "en");
  assert.equal(pickLocale("xx", ["ru"]), "ru");
});

Deno.test("i18n: both catalogs have the same keys, and no message is empty", () => {
  assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
  for (const catalog of [en, ru]) {
    for (const [key, message] of Object.entries(catalog as Record<string, Message>)) {
      const texts = typeof message === "string" ? [message] : Object.values(message);
      for (const text of texts) assert.ok(text.trim(), key);
    }
  }
});

Deno.test("i18n: plurals follow each language's rules", () => {
  assert.equal(translate("en", "offline.waiting", { count: 1 }), "offline — 1 workout waiting");
  assert.equal(translate("en", "offline.waiting", { count: 3 }), "offline — 3 workouts waiting");
  assert.equal(translate("ru", "dashboard.streak", { count: 1 }), "1 день подряд");
  assert.equal(translate("ru", "dashboard.streak", { count: 3 }), "3 дня подряд");
  assert.equal(translate("ru", "dashboard.streak", { count: 5 }), "5 дней подряд");
  assert.equal(translate("ru", "dashboard.streak", { count: 21 }), "21 день подряд");
});

Deno.test("i18n: the accessible names stay as the tests and assistive technology expect", () => {
  assert.equal(translate("en", "nav.logWorkout"), "Log workout");
  assert.equal(translate("en", "language.label"), "Language");
  assert.equal(translate("en", "account.createAccount"), "Create account");
});

Deno.test("i18n: numbers, weights, money and dates are formatted for the locale", () => {
  assert.equal(formatNumber("en", 1234.5), "1,234.5");
  assert.equal(plain(formatNumber("ru", 1234.5)), "1 234,5");
  assert.equal(formatWeight("en", 100), "100 kg");
  assert.equal(formatWeight("en", 100, "imperial"), "220.5 lb");
  assert.equal(plain(formatWeight("ru", 102.5)), "102,5 кг");
  assert.equal(formatMoney("en", 2499, "EUR"), "€24.99");
  assert.equal(plain(formatMoney("ru", 2499, "EUR")), "24,99 €");
  assert.equal(formatMoney("en", 500, "JPY"), "¥500");
  assert.equal(
    formatDate("en", "2026-11-27T07:00:00Z", { dateStyle: "medium", timeZone: "UTC" }),
    "Nov 27, 2026",
  );
  assert.equal(
    plain(formatDate("ru", "2026-11-27T07:00:00Z", { dateStyle: "medium", timeZone: "UTC" })),
    "27 нояб. 2026 г.",
  );
});
