/**
 * A proposed GraphQL operation (src/graphql/proposed) carried over REST until the gateway has
 * it: the adapter is checked against the operation's generated result and variables types.
 *
 * @module
 */
import type { TypedDocument } from "@fitconnect/clients-shared/graphql";

/** One operation's REST implementation, keyed by the operation's name. */
export type Adapter = readonly [string, (variables: unknown) => Promise<unknown>];

/** Binds `run` to `document`; `run` must answer the operation's generated result type. */
export function adapter<R, V>(document: TypedDocument<R, V>, run: (variables: V) => Promise<R>) {
  return [document.operationName, run as (variables: unknown) => Promise<unknown>] as Adapter;
}
