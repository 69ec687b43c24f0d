/**
 * Messages and formatting for the apps, in English and Russian: choosing the language
 * (`Accept-Language`, `navigator.languages`, a remembered choice), translating keys with
 * plurals, and formatting numbers, dates, weights and money with `Intl`.
 *
 * @module
 */
import { en, type MessageKey } from "./en.ts";
import { ru } from "./ru.ts";
import type { Catalog, Locale, Message } from "./types.ts";

export type { Catalog, Locale, Message, MessageKey };
export type { PluralMessage } from "./types.ts";
export { en, ru };

/** Every language, in the order a language picker lists them. */
export const locales: readonly Locale[] = ["en", "ru"];

const catalogs: Record<Locale, Catalog> = { en, ru };

/** A supported locale, or undefined: `ru-RU` → `ru`, `EN` → `en`, `de` → undefined. */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return locales.find((locale) => locale === base);
}

/** Language tags of an `Accept-Language` header, best first (`q=0` dropped). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header.split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The first supported one of a remembered choice, then the preferred tags; else English. */
export function pickLocale(
  remembered: string | null | undefined,
  preferred: readonly string[],
): Locale {
  return supportedLocale(remembered) ??
    preferred.map(supportedLocale).find((locale) => locale !== undefined) ?? "en";
}

/** Parameters of a message: `{count}` picks the plural form; numbers are formatted. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Translates `key` into `locale`, falling back to English (then to the key). */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const message: Message | undefined = catalogs[locale][key] ?? en[key];
  if (message === undefined) return key;
  let text: string;
  if (typeof message === "string") {
    text = message;
  } else {
    const count = Number(params.count ?? 0);
    const category = new Intl.PluralRules(locale).select(count);
    text = message[category] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(locale, value) : value;
  });
}

/** A translator bound to a locale. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** `translate` with the locale fixed. */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** `1234.5` → "1,234.5" (en), "1 234,5" (ru). */
export function formatNumber(
  locale: Locale,
  value: number,
  options: Intl.NumberFormatOptions = { maximumFractionDigits: 2 },
): string {
  return numberFormat(locale, options).format(value);
}

/** Body-weight and load units of a profile. */
export type Units = "metric" | "imperial";

/** Kilograms in a pound (exact, by definition). */
export const kilogramsPerPound = 0.45359237;

/** A weight stored in kilograms, shown in the member's units: "100 kg", "220.5 lb". */
export function formatWeight(locale: Locale, kilograms: number, units: Units = "metric"): string {
  const value = units === "imperial" ? kilograms / kilogramsPerPound : kilograms;
  return numberFormat(locale, {
    style: "unit",
    unit: units === "imperial" ? "pound" : "kilogram",
    unitDisplay: "short",
    maximumFractionDigits: 1,
  }).format(value);
}

/** An amount in minor units (`priceCents`) of `currency`: 2499 EUR → "€24.99" / "24,99 €". */
export function formatMoney(locale: Locale, minorUnits: number, currency: string): string {
  const format = numberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

/** A date (ISO string or Date) in the locale, optionally in a time zone: "Nov 27, 2026". */
export function formatDate(
  locale: Locale,
  value: string | Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Date and time: "Nov 27, 2026, 7:00 AM". */
export function formatDateTime(locale: Locale, value: string | Date, timeZone?: string): string {
  return formatDate(locale, value, { dateStyle: "medium", timeStyle: "short", timeZone });
}
