/**
 * Saves a session through the outbox (stored on the device first, with its `clientId`) and
 * tells what became of it: stored by the API (with its new personal records), kept on the
 * device until the network is back, or refused.
 *
 * @module
 */
import {
  onSessionSaved,
  outbox,
  type PendingSession,
  type SavedSession,
} from "../../offline/outbox.ts";

/** What became of a save. */
export type SaveResult =
  | { kind: "saved"; session: SavedSession }
  | { kind: "queued" }
  | { kind: "refused"; message: string };

/** Waits up to `waitMs` for the API's answer; else the session waits in the outbox. */
export function saveSession(payload: PendingSession, waitMs = 8_000): Promise<SaveResult> {
  const clientId = crypto.randomUUID();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SaveResult) => {
      if (settled) return;
      settled = true;
      stopSaved();
      stopStatus();
      clearTimeout(timer);
      resolve(result);
    };
    const stopSaved = onSessionSaved((session) => {
      if (session.clientId === clientId) finish({ kind: "saved", session });
    });
    const stopStatus = outbox.subscribe((status) => {
      const item = status.items.find((entry) => entry.clientId === clientId);
      if (item?.state === "failed") {
        finish({ kind: "refused", message: item.lastError?.message ?? "" });
      }
    });
    const timer = setTimeout(() => finish({ kind: "queued" }), waitMs);
    outbox.enqueue(payload, clientId).then(() => {
      if (navigator.onLine === false) finish({ kind: "queued" });
    }, () => finish({ kind: "queued" }));
  });
}
