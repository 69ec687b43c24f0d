/**
 * Wire schemas of a member's push devices (`/v1/me/devices`): what the
 * routes accept and answer.
 *
 * @module
 */
import * as v from "valibot";
import { idPattern } from "../../shared/http/path_id.ts";
import { jsonObject } from "../../shared/http/json_object.ts";
import { cursorParam, limitParam } from "../../shared/http/paging.ts";

/**
 * An Expo push token as Expo's SDK hands it to the app:
 * `ExponentPushToken[…]` (or the newer `ExpoPushToken[…]`), 1–200 visible
 * characters between the brackets.
 */
export const expoPushTokenPattern =
  /^(ExponentPushToken|ExpoPushToken)\[[\x21-\x5a\x5e-\x7e]{1,200}\]$/;

/** Where a device can receive pushes. */
export const devicePlatforms = ["ios", "android", "web"] as const;
export type DevicePlatform = (typeof devicePlatforms)[number];

/** `POST /v1/me/devices`. */
export const registerDeviceSchema = jsonObject(
  {
    expoPushToken: v.pipe(
      v.string("must be a string"),
      v.regex(expoPushTokenPattern, "must be an Expo push token, ExponentPushToken[…]"),
    ),
    platform: v.picklist(devicePlatforms, "must be ios, android or web"),
  },
  "must be an object with only expoPushToken and platform",
);
export type RegisterDeviceInput = v.InferOutput<typeof registerDeviceSchema>;

/** Where a page of devices ends: the last (created_at to the microsecond, id), newest first. */
export interface DeviceCursor {
  at: string;
  id: string;
}

const deviceCursor = v.pipe(
  v.strictObject({
    k: v.literal("dv"),
    t: v.pipe(
      v.string(),
      v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      v.check((text) => !Number.isNaN(Date.parse(text))),
    ),
    i: v.pipe(v.string(), v.regex(idPattern)),
  }),
  v.transform((c): DeviceCursor => ({ at: c.t, id: c.i })),
);

/** The cursor of the page after one ending at `last`. */
export const deviceCursorOf = (last: DeviceCursor) => ({ k: "dv", t: last.at, i: last.id });

/** `GET /v1/me/devices`: `limit` 1–100 (default 20), `cursor`. */
export const devicesQuerySchema = v.object({
  limit: limitParam,
  cursor: cursorParam(deviceCursor),
});
export type DevicesQuery = v.InferOutput<typeof devicesQuerySchema>;

/** One device as answered (RFC 3339 UTC time). */
export interface DeviceBody {
  id: string;
  expoPushToken: string;
  platform: DevicePlatform;
  createdAt: string;
}
