/**
 * The app's language: chosen from the remembered choice, else the browser's languages (its
 * `Accept-Language`); switchable, remembered in localStorage. Formatting uses the shared
 * `Intl` helpers.
 *
 * @module
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatWeight,
  type Locale,
  pickLocale,
  type Translate,
  translator,
  type Units,
} from "@fitconnect/clients-shared/i18n";

const storageKey = "fitconnect.locale";

function remembered(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** The language at start: remembered, else the browser's preference. */
export function initialLocale(): Locale {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return pickLocale(remembered(), preferred);
}

/** What screens use to speak the member's language. */
export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  weight(kilograms: number, units?: Units): string;
  money(minorUnits: number, currency: string): string;
  date(value: string | Date, options?: Intl.DateTimeFormatOptions): string;
  dateTime(value: string | Date, timeZone?: string): string;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the language to the app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => ({
    locale,
    setLocale(next) {
      try {
        localStorage.setItem(storageKey, next);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      setLocaleState(next);
    },
    t: translator(locale),
    number: (value, options) => formatNumber(locale, value, options),
    weight: (kilograms, units) => formatWeight(locale, kilograms, units),
    money: (minorUnits, currency) => formatMoney(locale, minorUnits, currency),
    date: (value, options) => formatDate(locale, value, options),
    dateTime: (value, timeZone) => formatDateTime(locale, value, timeZone),
  }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its helpers. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
