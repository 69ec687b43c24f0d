/** Loads a GraphQL query for a screen, with its error and a reload. */
import { useCallback, useEffect, useState } from "react";
import type { TypedDocument } from "@fitconnect/clients-shared/graphql";
import { graphql } from "../api/client";

/** The query's state. */
export interface QueryState<R> {
  data?: R;
  error?: string;
  loading: boolean;
  reload(): void;
}

/** Runs `document` on mount and on `reload()`. */
export function useQuery<R, V>(document: TypedDocument<R, V>, variables?: V): QueryState<R> {
  const [state, setState] = useState<{ data?: R; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables ?? {});
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    graphql.request(document, variables).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState((previous) => ({ ...previous, error: error.message, loading: false })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
