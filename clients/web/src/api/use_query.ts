/**
 * One GraphQL query's state in a component: data, error, loading, and a retry.
 *
 * @module
 */
import { useCallback, useEffect, useState } from "react";
import type { GraphqlClient, TypedDocument } from "@fitconnect/clients-shared/graphql";
import { graphql } from "./graphql.ts";

/** A query's state. */
export interface QueryState<R> {
  data?: R;
  error?: Error;
  loading: boolean;
  retry(): void;
}

/** Options of {@linkcode useQuery}. */
export interface QueryOptions {
  skip?: boolean;
  /** Another client than the app's gateway client (a test's, for one). */
  client?: GraphqlClient;
  /** Re-run every this many milliseconds while mounted (keeps the data meanwhile). */
  pollMs?: number;
}

/** Runs `document` with `variables` (re-run when their JSON changes); skipped when `skip`. */
export function useQuery<R, V>(
  document: TypedDocument<R, V>,
  variables: V,
  { skip = false, client = graphql, pollMs }: QueryOptions = {},
): QueryState<R> {
  const key = JSON.stringify(variables);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ data?: R; error?: Error; loading: boolean }>({
    loading: !skip,
  });
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    // A poll refreshes quietly; a first load or a change of variables shows it is loading.
    setState((previous) => ({
      data: previous.data,
      loading: !pollMs || previous.data === undefined,
    }));
    client.request(document, JSON.parse(key) as V, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: Error) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ data: previous.data, error, loading: false }));
        }
      },
    );
    const timer = pollMs ? setTimeout(() => setAttempt((n) => n + 1), pollMs) : undefined;
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [document, key, attempt, skip, client, pollMs]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
