/**
 * Push receipts: Expo says whether Apple or Google took a message only
 * later, by ticket id. Every few minutes the worker asks for the receipts of
 * tickets at least `receiptDelayMs` old, forgets each device whose receipt
 * says `DeviceNotRegistered` (the app was removed, or the token expired),
 * and drops the tickets answered — and those unanswered for a day, which
 * Expo no longer keeps.
 *
 * The check runs behind `POST /internal/notifications/push-receipts` (peers
 * only), called by a timer where timers live (embedded, split) and by a
 * cron on Deno Deploy, as inventory's expiry sweeper is.
 *
 * @module
 */
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { describeError } from "../../shared/logging/describe_error.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { DevicesRepository } from "./devices_repository.ts";
import { deviceIsGone, type PushSender } from "./push.ts";

/** Receipts are ready about 15 minutes after a send (Expo's advice): ask no sooner. */
export const receiptDelayMs = 15 * 60_000;
/** Expo keeps receipts for a day: a ticket still unanswered then is dropped. */
export const ticketLifetimeMs = 24 * 60 * 60_000;
/** How often the timer asks (a receipt is read at most this long after it is ready). */
export const receiptCheckIntervalMs = 5 * 60_000;
/** Tickets per check: a backlog drains over the next checks. */
const ticketsPerCheck = 1000;

/** What one check did. */
export interface ReceiptCheck {
  /** Tickets whose receipt was read (or which lapsed). */
  checked: number;
  /** Devices forgotten because Expo said `DeviceNotRegistered`. */
  forgotten: number;
}

/** Reads the receipts of due tickets once. */
export async function checkPushReceipts(
  deps: { sender: PushSender; devices: DevicesRepository; now: () => Date; log: Logger },
): Promise<ReceiptCheck> {
  const now = deps.now().getTime();
  const due = await deps.devices.dueTickets(new Date(now - receiptDelayMs), ticketsPerCheck);
  if (due.length === 0) return { checked: 0, forgotten: 0 };
  const receipts = await deps.sender.receipts(due.map((ticket) => ticket.id));
  const done: string[] = [];
  const gone = new Set<string>();
  for (const ticket of due) {
    const receipt = receipts[ticket.id];
    if (receipt === undefined) {
      if (ticket.createdAt.getTime() <= now - ticketLifetimeMs) done.push(ticket.id);
      continue;
    }
    done.push(ticket.id);
    if (deviceIsGone(receipt)) gone.add(ticket.deviceId);
    else if (receipt.status === "error") {
      deps.log.warn("push not delivered", { error: receipt.details?.error ?? receipt.message });
    }
  }
  await deps.devices.dropTickets(done);
  await deps.devices.forget([...gone]);
  if (gone.size > 0) deps.log.info("devices no longer registered forgotten", { count: gone.size });
  return { checked: done.length, forgotten: gone.size };
}

/** Asks the notifications worker once, through its binding, to read due receipts. */
export async function requestReceiptCheck(binding: ServiceBinding): Promise<ReceiptCheck> {
  const response = await binding.fetch(
    new Request("http://notifications.internal/internal/notifications/push-receipts", {
      method: "POST",
    }),
  );
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`Cannot check push receipts: ${response.status} ${text.slice(0, 200)}`);
  }
  return JSON.parse(text) as ReceiptCheck;
}

/**
 * Checks every `intervalMs` (never two at once); returns the function that
 * stops it. The timer does not keep the process alive.
 */
export function startReceiptChecks(
  binding: ServiceBinding,
  options: { intervalMs: number; log: Logger },
): () => void {
  const log = options.log.with({ worker: "notifications", task: "push-receipts" });
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await requestReceiptCheck(binding);
    } catch (error) {
      log.warn("push receipt check failed; the next one retries", {
        error: describeError(error),
      });
    } finally {
      running = false;
    }
  }, options.intervalMs);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}
