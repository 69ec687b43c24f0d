/**
 * The events the notifications worker consumes, checked on arrival: a payload
 * of the wrong shape fails its delivery (the queue retries, then
 * dead-letters it) instead of storing a broken notification.
 *
 * @module
 */
import * as v from "valibot";
import type {
  ProfileUpdated,
  ReportReady,
  SessionLogged,
  UserDeleted,
  UserRegistered,
} from "../../shared/events/catalog.ts";

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const userRegisteredSchema = v.object({
  userId: id,
  email: v.pipe(v.string(), v.minLength(3), v.maxLength(254)),
  displayName: v.pipe(v.string(), v.maxLength(200)),
}) satisfies v.GenericSchema<unknown, Pick<UserRegistered, "userId" | "email" | "displayName">>;

export const userDeletedSchema = v.object({ userId: id }) satisfies v.GenericSchema<
  unknown,
  Pick<UserDeleted, "userId">
>;

export const profileUpdatedSchema = v.object({
  userId: id,
  displayName: v.pipe(v.string(), v.maxLength(200)),
  timezone: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
}) satisfies v.GenericSchema<unknown, Pick<ProfileUpdated, "userId" | "displayName" | "timezone">>;

export const sessionLoggedSchema = v.object({
  sessionId: id,
  userId: id,
  personalRecords: v.array(v.object({
    exerciseId: id,
    kind: v.picklist(["max_weight", "max_reps", "max_volume", "estimated_1rm"]),
    value: v.number(),
  })),
}) satisfies v.GenericSchema<
  unknown,
  Pick<SessionLogged, "sessionId" | "userId" | "personalRecords">
>;

export const reportReadySchema = v.object({
  userId: id,
  reportId: id,
  kind: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
}) satisfies v.GenericSchema<unknown, ReportReady>;

/** `payload` checked against `schema`; throws (failing the delivery) when it does not fit. */
export function payloadOf<S extends v.GenericSchema>(
  schema: S,
  type: string,
  payload: unknown,
): v.InferOutput<S> {
  const result = v.safeParse(schema, payload);
  if (result.success) return result.output;
  const where = result.issues.map((issue) => v.getDotPath(issue) ?? "(payload)").join(", ");
  throw new Error(`Cannot handle ${type}: its payload is not valid at ${where}`);
}
