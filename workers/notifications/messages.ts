/**
 * What each notification says: its type, title, body and data, the same text
 * in the inbox and in email.
 *
 * @module
 */
import type { ReportReady } from "../analytics/contracts.ts";
import type { StockLow } from "../inventory/contracts.ts";
import type { PaymentFailed, PaymentRefunded, PaymentSucceeded } from "../payments/contracts.ts";
import type { WebhookDisabled } from "../webhooks/contracts.ts";
import type { SessionLogged } from "../workouts/contracts.ts";
import { formatMoney } from "./money.ts";

/** A notification's content. */
export interface Message {
  type:
    | "welcome"
    | "personal_record"
    | "report_ready"
    | "payment_succeeded"
    | "payment_failed"
    | "payment_refunded"
    | "low_stock"
    | "webhook_disabled";
  title: string;
  body: string;
  data: Record<string, unknown>;
}

type PersonalRecord = SessionLogged["personalRecords"][number];

/** The greeting after registration. */
export function welcomeMessage(displayName: string): Message {
  const name = displayName.trim();
  return {
    type: "welcome",
    title: name ? `Welcome to FitConnect, ${name}!` : "Welcome to FitConnect!",
    body: "Browse exercises, plan a workout and log your first session to start tracking progress.",
    data: {},
  };
}

const recordLabels: Record<PersonalRecord["kind"], (value: number) => string> = {
  max_weight: (value) => `max weight ${format(value)} kg`,
  max_reps: (value) => `max reps ${format(value)}`,
  max_volume: (value) => `max volume ${format(value)} kg`,
  estimated_1rm: (value) => `estimated 1RM ${format(value)} kg`,
};

function format(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `barbell-back-squat` → `Barbell back squat` (the event names exercises by id only). */
function exerciseName(exerciseId: string): string {
  const words = exerciseId.replaceAll(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One notification for every record a session broke. */
export function personalRecordMessage(
  sessionId: string,
  records: readonly PersonalRecord[],
): Message {
  const count = records.length;
  return {
    type: "personal_record",
    title: count === 1 ? "New personal record!" : `${count} new personal records!`,
    body:
      records.map((record) =>
        `${exerciseName(record.exerciseId)}: ${recordLabels[record.kind](record.value)}`
      ).join("; ") + ".",
    data: {
      sessionId,
      records: records.map(({ exerciseId, kind, value }) => ({ exerciseId, kind, value })),
    },
  };
}

/** An analytics report the member asked for is ready. */
export function reportReadyMessage(report: ReportReady): Message {
  return {
    type: "report_ready",
    title: "Your report is ready",
    body: `Your ${report.kind.replaceAll("_", " ")} report is ready to view.`,
    data: { reportId: report.reportId, kind: report.kind },
  };
}

/** `plan_yearly` → `yearly` (the event names the plan by id only). */
function planName(planId: string): string {
  return planId.replace(/^plan[-_]/i, "").replaceAll(/[-_]+/g, " ").trim() || planId;
}

/** A payment went through: what it paid for (plan, shop items) and how much. */
export function paymentSucceededMessage(
  payment: Pick<PaymentSucceeded, "paymentId" | "amountCents" | "currency" | "planId"> & {
    items: Pick<PaymentSucceeded["items"][number], "quantity">[];
  },
): Message {
  const amount = formatMoney(payment.amountCents, payment.currency);
  const units = payment.items.reduce((sum, line) => sum + line.quantity, 0);
  const paidFor = [
    payment.planId === null ? undefined : `your ${planName(payment.planId)} membership`,
    units === 0 ? undefined : `${units} shop ${units === 1 ? "item" : "items"}`,
  ].filter((part) => part !== undefined);
  return {
    type: "payment_succeeded",
    title: `Payment of ${amount} received`,
    body: paidFor.length === 0
      ? `Thank you! We received ${amount}.`
      : `Thank you! We received ${amount} for ${paidFor.join(" and ")}.`,
    data: {
      paymentId: payment.paymentId,
      amountCents: payment.amountCents,
      currency: payment.currency,
      planId: payment.planId,
    },
  };
}

/** A payment was declined or could not complete; nothing was charged. */
export function paymentFailedMessage(
  payment: Pick<PaymentFailed, "paymentId" | "amountCents" | "currency" | "reason">,
): Message {
  const amount = formatMoney(payment.amountCents, payment.currency);
  const reason = payment.reason.trim().replace(/[.!]+$/, "");
  return {
    type: "payment_failed",
    title: `Payment of ${amount} failed`,
    body: (reason ? `Your payment did not go through: ${reason}. ` : "") +
      "Nothing was charged; try again, or with another payment method.",
    data: { paymentId: payment.paymentId, reason: payment.reason },
  };
}

/** An admin refunded a payment. */
export function paymentRefundedMessage(
  payment: Pick<PaymentRefunded, "paymentId" | "amountCents" | "currency">,
): Message {
  const amount = formatMoney(payment.amountCents, payment.currency);
  return {
    type: "payment_refunded",
    title: `Refund of ${amount} issued`,
    body:
      `We refunded ${amount} to your original payment method; it may take a few days to appear.`,
    data: {
      paymentId: payment.paymentId,
      amountCents: payment.amountCents,
      currency: payment.currency,
    },
  };
}

/** A product's available stock fell to or below its threshold (to admins). */
export function lowStockMessage(stock: StockLow): Message {
  return {
    type: "low_stock",
    title: `Low stock: ${stock.name}`,
    body: `${stock.name} (${stock.sku}) is down to ${stock.available} available ` +
      `(threshold ${stock.threshold}). Restock it soon.`,
    data: {
      sku: stock.sku,
      name: stock.name,
      available: stock.available,
      threshold: stock.threshold,
    },
  };
}

/** The platform disabled a webhook subscription that kept failing (to its owner). */
export function webhookDisabledMessage(disabled: WebhookDisabled): Message {
  return {
    type: "webhook_disabled",
    title: "A webhook was disabled",
    body: `Deliveries to ${disabled.url} failed ${disabled.failedDeliveries} times in a row, ` +
      "so we stopped sending them. Fix the endpoint, then re-enable the webhook.",
    data: { webhookId: disabled.subscriptionId, url: disabled.url },
  };
}
