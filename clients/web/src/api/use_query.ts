/**
 * One GraphQL query's state in a component: data, error, loading, and a retry.
 *
 * @module
 */
import { useCallback, useEffect, useState } from "react";
import type { TypedDocument } from "@fitconnect/clients-shared/graphql";
import { graphql } from "./graphql.ts";

/** A query's state. */
export interface QueryState<R> {
  data?: R;
  error?: Error;
  loading: boolean;
  retry(): void;
}

/** Runs `document` with `variables` (re-run when their JSON changes); skipped when `skip`. */
export function useQuery<R, V>(
  document: TypedDocument<R, V>,
  variables: V,
  { skip = false } = {},
): QueryState<R> {
  const key = JSON.stringify(variables);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ data?: R; error?: Error; loading: boolean }>({
    loading: !skip,
  });
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    graphql.request(document, JSON.parse(key) as V, controller.signal).then(
      (data) => setState({ data, loading: false }),
      (error: Error) => {
        if (!controller.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => controller.abort();
  }, [document, key, attempt, skip]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
