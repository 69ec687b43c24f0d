/**
 * Wire schemas of the users worker: what its routes accept and answer.
 *
 * Messages never echo the input: a client sent it and knows it, and a long
 * value would bloat the error and the logs.
 *
 * @module
 */
import * as v from "valibot";
import { jsonObject } from "../../shared/http/json_object.ts";

/** Unit systems a member can display measurements in (stored values stay metric). */
export const unitSystems = ["metric", "imperial"] as const;
export type Units = typeof unitSystems[number];

// `Intl.supportedValuesOf("timeZone")` lists ICU's canonical names only: it
// omits "UTC" and current IANA names such as "Asia/Kolkata", "Europe/Kyiv" or
// "America/Argentina/Buenos_Aires" (links to its older spellings), which are
// valid zones people pick. A name is accepted when it has the IANA shape
// (segments starting with a capital letter: no offsets such as "+01:00", no
// "europe/berlin") and the runtime's time-zone database resolves it.
const ianaShape = /^[A-Z][A-Za-z0-9_+-]*(?:\/[A-Z][A-Za-z0-9_+-]*){0,2}$/;
let canonicalZones: Map<string, string> | undefined;

/** True for a valid IANA time-zone name, spelled with its proper case. */
export function isTimeZone(name: string): boolean {
  if (name.length > 64 || !ianaShape.test(name)) return false;
  canonicalZones ??= new Map(
    [...Intl.supportedValuesOf("timeZone"), "UTC"].map((zone) => [zone.toLowerCase(), zone]),
  );
  const canonical = canonicalZones.get(name.toLowerCase());
  if (canonical !== undefined) return canonical === name;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A display name: trimmed, 1–80 characters (UTF-16 units, as an HTML `maxlength` counts). */
export const displayNameSchema = v.pipe(
  v.string("must be a string"),
  v.trim(),
  v.minLength(1, "must not be empty"),
  v.maxLength(80, "must be at most 80 characters"),
);

const goalSchema = v.pipe(
  v.string("must be a string"),
  v.trim(),
  v.minLength(1, "must not be empty"),
  v.maxLength(100, "must be at most 100 characters"),
);

/** `PATCH /v1/me`: only the fields to change; an unknown key is an error, so typos surface. */
export const profilePatchSchema = jsonObject(
  {
    displayName: v.optional(displayNameSchema),
    bio: v.optional(v.pipe(
      v.string("must be a string"),
      v.maxLength(500, "must be at most 500 characters"),
    )),
    units: v.optional(v.picklist(unitSystems, `must be one of ${unitSystems.join(", ")}`)),
    timezone: v.optional(v.pipe(
      v.string("must be a string"),
      v.check(isTimeZone, "must be an IANA time zone such as Europe/Berlin or UTC"),
    )),
    goals: v.optional(v.pipe(
      v.array(goalSchema, "must be an array of strings"),
      v.maxLength(20, "must have at most 20 goals"),
      v.check((goals) => new Set(goals).size === goals.length, "must not repeat a goal"),
    )),
  },
  "must be an object with only displayName, bio, units, timezone and goals",
);

/** `PUT /internal/profiles/:userId`: what registration knows about a new member. */
export const newProfileSchema = jsonObject(
  {
    email: v.pipe(
      v.string("must be a string"),
      v.trim(),
      v.maxLength(254, "must be at most 254 characters"),
      v.email("must be an email address"),
    ),
    displayName: displayNameSchema,
  },
  "must be an object with only email and displayName",
);

/** A profile as the users worker answers it (RFC 3339 UTC times). */
export interface ProfileBody {
  id: string;
  email: string;
  displayName: string;
  bio: string;
  units: Units;
  timezone: string;
  goals: string[];
  createdAt: string;
  updatedAt: string;
}

/** `GET`/`PATCH /v1/me`: the profile plus the caller's role (from the token). */
export interface MeBody extends ProfileBody {
  role: "member" | "admin";
}
