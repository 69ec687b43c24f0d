/** One text per plural category (`Intl.PluralRules`); `other` is always needed. */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** A message: a text with `{name}` placeholders, or one per plural category (`{count}`). */
export type Message = string | PluralMessage;

/** A message catalog. */
export type Catalog = Readonly<Record<string, Message>>;

/** The languages of the apps. */
export type Locale = "en" | "ru";
