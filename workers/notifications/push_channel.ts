/**
 * The push channel: a `PushRequested` (recorded by ./handlers.ts with the
 * inbox entry, when the member wants pushes and has a device) becomes one
 * Expo push per registered device.
 *
 * Tapping leads where `data.url` says: `fitconnect://notifications/<id>`
 * (the inbox entry), or `fitconnect://notifications` when the member keeps
 * no inbox. `data` also carries `notificationId`, `type` and the
 * notification's own data (e.g. `sessionId` of a personal record).
 *
 * A send Expo did not answer rejects: the delivery answers 503 and the
 * queue retries it (at least once: a retry after a lost answer pushes
 * again). Tickets are kept for their receipts (./push_receipts.ts); a ticket
 * saying `DeviceNotRegistered` forgets the device at once.
 *
 * @module
 */
import type { Logger } from "../../shared/logging/logger.ts";
import type { PushRequested } from "./contracts.ts";
import type { DeviceRow, DevicesRepository } from "./devices_repository.ts";
import { deviceIsGone, type PushMessage, type PushSender } from "./push.ts";

/** The app's deep link for a notification (the inbox when there is no entry to open). */
export function deepLinkOf(notificationId: string | null): string {
  return notificationId === null
    ? "fitconnect://notifications"
    : `fitconnect://notifications/${encodeURIComponent(notificationId)}`;
}

/** The push of `request` to each of `devices`. */
export function pushMessagesFor(
  devices: readonly DeviceRow[],
  request: PushRequested,
): PushMessage[] {
  const data = {
    ...request.data,
    type: request.type,
    notificationId: request.notificationId,
    url: deepLinkOf(request.notificationId),
  };
  return devices.map((device) => ({
    to: device.expoPushToken,
    title: request.title,
    body: request.body,
    data,
    sound: "default",
  }));
}

/**
 * Pushes `request` to the member's devices (none left: nothing to do),
 * keeps the tickets, and forgets devices Expo says are gone.
 */
export async function deliverPush(
  deps: { sender: PushSender; devices: DevicesRepository; log: Logger; now: () => Date },
  request: PushRequested,
): Promise<void> {
  const devices = await deps.devices.allOf(request.userId);
  if (devices.length === 0) return;
  const tickets = await deps.sender.send(pushMessagesFor(devices, request));
  const kept: { id: string; deviceId: string }[] = [];
  const gone: string[] = [];
  tickets.forEach((ticket, index) => {
    const deviceId = devices[index].id;
    if (ticket.status === "ok") kept.push({ id: ticket.id, deviceId });
    else if (deviceIsGone(ticket)) gone.push(deviceId);
    // Other refusals (too big, rate exceeded) would fail again: logged, not retried.
    else deps.log.warn("push refused", { type: request.type, error: ticket.details?.error });
  });
  await deps.devices.keepTickets(kept, deps.now());
  await deps.devices.forget(gone);
  deps.log.debug("notification pushed", { type: request.type, devices: devices.length });
}
