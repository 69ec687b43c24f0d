/**
 * The events the notifications worker consumes, checked on arrival: a payload
 * of the wrong shape fails its delivery (the queue retries, then
 * dead-letters it) instead of storing a broken notification.
 *
 * @module
 */
import * as v from "valibot";
import type {
  PaymentFailed,
  PaymentRefunded,
  PaymentSucceeded,
  ProfileUpdated,
  ReportReady,
  SessionLogged,
  StockLow,
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

/** Minor units (cents): a whole number, never negative. */
const amountCents = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** An ISO 4217 code (`EUR`); formatting the amount needs a real one. */
const currency = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/));

export const stockLowSchema = v.object({
  sku: id,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  available: v.pipe(v.number(), v.safeInteger()),
  threshold: v.pipe(v.number(), v.safeInteger()),
}) satisfies v.GenericSchema<unknown, StockLow>;

export const paymentSucceededSchema = v.object({
  paymentId: id,
  userId: id,
  amountCents,
  currency,
  planId: v.nullable(id),
  items: v.array(v.object({
    sku: id,
    quantity: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  })),
}) satisfies v.GenericSchema<
  unknown,
  Pick<PaymentSucceeded, "paymentId" | "userId" | "amountCents" | "currency" | "planId"> & {
    items: Pick<PaymentSucceeded["items"][number], "sku" | "quantity">[];
  }
>;

export const paymentFailedSchema = v.object({
  paymentId: id,
  userId: id,
  amountCents,
  currency,
  reason: v.pipe(v.string(), v.maxLength(500)),
}) satisfies v.GenericSchema<
  unknown,
  Pick<PaymentFailed, "paymentId" | "userId" | "amountCents" | "currency" | "reason">
>;

export const paymentRefundedSchema = v.object({
  paymentId: id,
  userId: id,
  amountCents,
  currency,
}) satisfies v.GenericSchema<
  unknown,
  Pick<PaymentRefunded, "paymentId" | "userId" | "amountCents" | "currency">
>;

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
