/**
 * Wire schemas of the notifications worker: what its routes accept and answer.
 *
 * Messages never echo the input: the client knows what it sent, and a long
 * value would bloat the error and the logs.
 *
 * @module
 */
import * as v from "valibot";
import { idPattern } from "../../shared/http/path_id.ts";
import { cursorParam, limitParam } from "../../shared/http/paging.ts";
import { jsonObject } from "../../shared/http/json_object.ts";

/** Where a page of the inbox ends: the last (created_at to the microsecond, id), newest first. */
export interface InboxCursor {
  /** `created_at` as Postgres renders it (`…T…:…:….123456Z`): a Date would drop microseconds. */
  at: string;
  id: string;
}

const inboxCursor = v.pipe(
  v.strictObject({
    k: v.literal("nt"),
    t: v.pipe(
      v.string(),
      v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      v.check((text) => !Number.isNaN(Date.parse(text))),
    ),
    i: v.pipe(v.string(), v.regex(idPattern)),
  }),
  v.transform((c): InboxCursor => ({ at: c.t, id: c.i })),
);

/** The cursor of the page after one ending at `last`. */
export const cursorOf = {
  inbox: (last: InboxCursor) => ({ k: "nt", t: last.at, i: last.id }),
};

/** `GET /v1/notifications`: `unread` (`true`/`false`), `limit` 1–100 (default 20), `cursor`. */
export const inboxQuerySchema = v.object({
  unread: v.optional(
    v.pipe(
      v.picklist(["true", "false"], "must be true or false"),
      v.transform((text) => text === "true"),
    ),
  ),
  limit: limitParam,
  cursor: cursorParam(inboxCursor),
});
export type InboxQuery = v.InferOutput<typeof inboxQuerySchema>;

/** `HH:MM` on a 24-hour clock, 00:00–23:59. */
export const clockTimePattern = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const clockTime = v.pipe(
  v.string("must be a string"),
  v.regex(clockTimePattern, "must be a time HH:MM from 00:00 to 23:59"),
);

/** A daily window in the member's timezone; it crosses midnight when `start` > `end`. */
const quietHoursSchema = v.pipe(
  jsonObject({ start: clockTime, end: clockTime }, "must be an object with start and end"),
  v.forward(
    v.check(
      (window) => window.start !== window.end,
      "must differ from start (a window of no length, or of the whole day, is ambiguous)",
    ),
    ["end"],
  ),
);

const flag = v.boolean("must be true or false");

/** `PUT /v1/notifications/preferences`: every channel said; `quietHours` optional or null. */
export const preferencesSchema = jsonObject(
  {
    inApp: flag,
    email: flag,
    push: flag,
    quietHours: v.optional(v.nullable(quietHoursSchema), null),
  },
  "must be an object with only inApp, email, push and quietHours",
);
export type PreferencesInput = v.InferOutput<typeof preferencesSchema>;

/** `PATCH /v1/notifications/preferences`: only the fields sent change (`quietHours: null` clears). */
export const preferencesPatchSchema = jsonObject(
  {
    inApp: v.optional(flag),
    email: v.optional(flag),
    push: v.optional(flag),
    quietHours: v.optional(v.nullable(quietHoursSchema)),
  },
  "must be an object with only inApp, email, push and quietHours",
);
export type PreferencesPatch = v.InferOutput<typeof preferencesPatchSchema>;

/** A quiet-hours window as stored and answered. */
export interface QuietHours {
  start: string;
  end: string;
}

/** What a member chose, as answered by `GET` and `PUT /v1/notifications/preferences`. */
export interface PreferencesBody {
  inApp: boolean;
  email: boolean;
  push: boolean;
  quietHours: QuietHours | null;
}

/** One notification as the inbox answers it (RFC 3339 UTC times). */
export interface NotificationBody {
  id: string;
  type: string;
  title: string;
  body: string;
  data: unknown;
  createdAt: string;
  readAt: string | null;
}
