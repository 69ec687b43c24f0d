/**
 * `POST /internal/notifications/push-receipts` (peers only, the base app's
 * `/internal/*` guard): reads the receipts of due push tickets once and
 * answers 200 `{ checked, forgotten }` (./push_receipts.ts); 503 while Expo
 * does not answer. Without a push sender there is nothing to check.
 *
 * @module
 */
import { Hono } from "hono";
import type { Logger } from "../../shared/logging/logger.ts";
import type { WorkerEnv } from "../../shared/http/worker_app.ts";
import type { Database } from "../../shared/stores/postgres/port.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import { createDevicesRepository } from "./devices_repository.ts";
import type { PushSender } from "./push.ts";
import { checkPushReceipts } from "./push_receipts.ts";

/** The receipts route over `deps`. */
export function pushReceiptRoutes(
  deps: { db: Database; push?: PushSender; now: () => Date; log: Logger },
) {
  return new Hono<WorkerEnv>()
    .post("/internal/notifications/push-receipts", async (c) => {
      if (!deps.push) return c.json({ checked: 0, forgotten: 0 }, 200);
      try {
        const check = await checkPushReceipts({
          sender: deps.push,
          devices: createDevicesRepository(deps.db),
          now: deps.now,
          log: deps.log,
        });
        return c.json(check, 200);
      } catch (error) {
        deps.log.warn("push receipts not read", {
          error: error instanceof Error ? error.message : String(error),
        });
        throw new Problem(
          platformProblems.SERVICE_UNAVAILABLE,
          "Push receipts could not be read; the next check retries.",
        );
      }
    });
}
