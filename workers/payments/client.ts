/**
 * The typed client other workers use to reach the payments worker, e.g. the
 * GraphQL gateway checking out with the member's own token:
 *
 * ```ts
 * const payments = createPaymentsClient(upstreams.payments, { requestId, headers });
 * await payments.v1.payments.$post({ json: { items } }, { headers: { "idempotency-key": key } });
 * await payments.v1.payments[":id"].$get({ param: { id: encodeURIComponent(id) } }); // 200, or 404
 * ```
 *
 * @module
 */
import { workerClientFactory } from "../../shared/bindings/worker_client.ts";
import type { PaymentsApp } from "./mod.ts";

/** The rule an `Idempotency-Key` header must keep, so a caller can refuse a key before sending it. */
export { idempotencyKeyPattern } from "./schema.ts";

/** A typed client of the payments worker behind a binding, carrying the caller's request id. */
export const createPaymentsClient = workerClientFactory<PaymentsApp>();

/** The payments worker's client type. */
export type PaymentsClient = ReturnType<typeof createPaymentsClient>;
