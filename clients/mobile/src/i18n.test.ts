import { formatDate, formatMoney, formatWeight, translate } from "@fitconnect/clients-shared/i18n";

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatting in both languages", () => {
  test("weights in the member's units", () => {
    expect(plain(formatWeight("en", 102.5))).toBe("102.5 kg");
    expect(plain(formatWeight("ru", 102.5))).toBe("102,5 кг");
    expect(plain(formatWeight("en", 100, "imperial"))).toBe("220.5 lb");
    expect(plain(formatWeight("ru", 100, "imperial"))).toBe("220,5 фнт");
  });

  test("money and dates", () => {
    expect(plain(formatMoney("en", 2499, "EUR"))).toBe("€24.99");
    expect(plain(formatMoney("ru", 2499, "EUR"))).toBe("24,99 €");
    expect(formatDate("en", "2026-11-27T10:00:00Z", { dateStyle: "medium", timeZone: "UTC" })).toBe("Nov 27, 2026");
    expect(formatDate("ru", "2026-11-27T10:00:00Z", { dateStyle: "long", timeZone: "UTC" })).toBe("27 ноября 2026 г.");
  });

  test("the mobile screens' plurals follow each language's rules", () => {
    expect(translate("en", "mobile.sync.waiting", { count: 1 })).toBe("1 workout waiting to sync");
    expect(translate("en", "mobile.sync.waiting", { count: 2 })).toBe("2 workouts waiting to sync");
    expect(translate("ru", "mobile.sync.waiting", { count: 1 })).toBe("1 тренировка ждёт синхронизации");
    expect(translate("ru", "mobile.sync.waiting", { count: 3 })).toBe("3 тренировки ждут синхронизации");
    expect(translate("ru", "mobile.sync.waiting", { count: 5 })).toBe("5 тренировок ждут синхронизации");
    expect(translate("ru", "mobile.log.sets", { count: 21 })).toBe("21 подход записан");
  });
});

describe("the app's language follows the device's locale", () => {
  /** The app's i18n module loaded on a device whose preferred languages are `tags`. */
  function appOnDevice(tags: string[]): typeof import("./i18n") {
    let app: typeof import("./i18n") | undefined;
    jest.isolateModules(() => {
      jest.doMock("expo-localization", () => ({ getLocales: () => tags.map((languageTag) => ({ languageTag })) }));
      app = require("./i18n");
    });
    jest.dontMock("expo-localization");
    return app!;
  }

  test("Russian on a Russian phone, English otherwise", () => {
    const ru = appOnDevice(["ru-RU", "en-US"]);
    expect(ru.locale).toBe("ru");
    expect(ru.t("mobile.today.title")).toBe("Сегодня");
    expect(plain(ru.format.weight(102.5))).toBe("102,5 кг");
    expect(appOnDevice(["de-DE", "ru-RU"]).locale).toBe("ru");
    const en = appOnDevice(["en-GB"]);
    expect(en.locale).toBe("en");
    expect(en.t("mobile.today.title")).toBe("Today");
    expect(appOnDevice(["fr-FR"]).locale).toBe("en");
  });
});
