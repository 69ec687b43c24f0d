/**
 * A producer's handle on a queue hosted by another worker: `publish` posts
 * the message to the host's `/internal/queue/messages` (./publish_route.ts)
 * through the route's typed client over a service binding, and the host's queue delivers it.
 *
 * This is how split mode runs the Deno KV queue: a Deno KV queue is only
 * listened to by the process that opened it, so one worker (metrics) hosts it
 * for every producer — as QStash, over HTTP, hosts it for all of production.
 * A failed post throws, so the outbox relay keeps the event and tries again.
 *
 * @module
 */
import type { ServiceBinding } from "../bindings/service_binding.ts";
import { createWorkerClient } from "../bindings/worker_client.ts";
import { checkPublishOptions, type MessageQueue } from "./port.ts";
import type { PublishRouteApp } from "./publish_route.ts";

/** A queue whose `publish` goes to the worker behind `host`. */
export function createRemoteQueue(host: ServiceBinding): MessageQueue {
  const client = createWorkerClient<PublishRouteApp>(host);
  return {
    kind: "remote",
    async publish(message, options) {
      checkPublishOptions(options);
      const response = await client.internal.queue.messages.$post({ json: { message, options } });
      const detail = response.ok ? "" : await response.text();
      await response.body?.cancel();
      if (!response.ok) {
        throw new Error(
          `Cannot publish ${message.type}: queue host answered ${response.status} ${detail}`,
        );
      }
    },
    close: () => Promise.resolve(),
  };
}
