/**
 * English or Russian, following the device's locale (expo-localization); the catalogs and the
 * formatting are shared with the web app (clients/shared/i18n).
 */
import { getLocales } from "expo-localization";
import {
  formatDate,
  formatMoney,
  formatWeight,
  type Locale,
  pickLocale,
  translator,
  type Units,
} from "@fitconnect/clients-shared/i18n";

function deviceLocale(): Locale {
  try {
    return pickLocale(null, getLocales().map((locale) => locale.languageTag));
  } catch {
    return "en";
  }
}

/** The app's language. */
export const locale: Locale = deviceLocale();

/** Translates a catalog key. */
export const t = translator(locale);

/** Formatting in the app's language. */
export const format = {
  weight: (kg: number, units: Units = "metric") => formatWeight(locale, kg, units),
  money: (minor: number, currency: string) => formatMoney(locale, minor, currency),
  date: (iso: string) => formatDate(locale, iso),
};
