/**
 * Who hears a `StockLow`: every admin, as the auth worker knows them.
 *
 * They are asked for *before* the consumer opens its transaction, by wrapping
 * the delivery verifier: embedded, every worker shares one PGlite connection,
 * so auth's query, made from inside the transaction that processes the
 * delivery, would wait for that transaction forever. A verified `StockLow`
 * delivery carries its admins to the handler; when auth cannot answer, the
 * delivery fails (503) and the queue retries it, so no admin misses it.
 *
 * @module
 */
import { describeError } from "../../shared/logging/describe_error.ts";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { Logger } from "../../shared/logging/logger.ts";
import type { EventMessage } from "../../shared/queue/port.ts";
import type { DeliveryVerifier } from "../../shared/queue/signature.ts";
import { listAdmins } from "../auth/client.ts";

/** The event types delivered to every admin. */
const toAdmins = new Set(["StockLow"]);

/** The admins of each delivery in flight, looked up before its transaction. */
export interface AdminRecipients {
  /** `inner`, plus the admin lookup for deliveries that go to admins. */
  verifier(inner: DeliveryVerifier): DeliveryVerifier;
  /** The admins looked up for `message`; throws (failing the delivery) when none were. */
  of(message: EventMessage): readonly string[];
}

/** Admin lookups through the auth worker behind `auth` (none without it). */
export function createAdminRecipients(
  auth: ServiceBinding | undefined,
  log: Logger,
): AdminRecipients {
  // Keyed by the verified message object itself, which the consumer hands to the handler.
  const found = new WeakMap<EventMessage, readonly string[]>();
  return {
    verifier(inner) {
      return {
        async verify(request) {
          const delivery = await inner.verify(request);
          const { message } = delivery;
          if (!auth || !toAdmins.has(message.type)) return delivery;
          try {
            found.set(message, await listAdmins(auth, { requestId: delivery.messageId }));
          } catch (error) {
            log.warn("cannot list admins; the queue will retry", {
              type: message.type,
              messageId: message.id,
              error: describeError(error),
            });
            throw new Problem(
              platformProblems.SERVICE_UNAVAILABLE,
              "The admins cannot be looked up right now; deliver this event again later.",
              { headers: { "retry-after": "1" }, cause: error },
            );
          }
          return delivery;
        },
      };
    },
    of(message) {
      const admins = found.get(message);
      if (!admins) {
        throw new Error(`Cannot notify admins of ${message.type}: no auth worker to ask`);
      }
      return admins;
    },
  };
}
