/**
 * GraphQL over `fetch` for the first-party apps: typed documents (generated from the gateway's
 * schema, see ./codegen.ts) and errors that keep the gateway's `extensions.code` and `status`.
 *
 * @module
 */

/** An operation's text with its result and variables types attached (generated). */
export interface TypedDocument<Result, Variables> {
  readonly operationName: string;
  readonly query: string;
  /** Never set: carries the types. */
  readonly __types?: { result: Result; variables: Variables };
}

/** One error of a GraphQL answer, as the gateway sends it. */
export interface GraphqlErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    status?: number;
    requestId?: string;
    errors?: { pointer: string; detail: string }[];
  };
}

/** A GraphQL answer with errors, or a transport failure (then `status` is the HTTP status or 0). */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly errors: readonly GraphqlErrorEntry[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "GraphqlError";
  }

  /** The invalid values the gateway named (`extensions.errors`), each at its JSON Pointer. */
  get fieldErrors(): { pointer: string; detail: string }[] {
    return this.errors.flatMap((entry) => entry.extensions?.errors ?? []);
  }

  /** Worth retrying later: the network, a 5xx, 408 or 429. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408 ||
      this.status === 429;
  }
}

/**
 * What a screen shows for a refusal: the message, then why each value was refused
 * ("The request body is not valid. timezone: must be an IANA time zone…"), so a refusal is never
 * reduced to its title.
 */
export function refusalText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof GraphqlError) || error.fieldErrors.length === 0) return error.message;
  const reasons = error.fieldErrors.map(({ pointer, detail }) => {
    const field = pointer.split("/").filter(Boolean).at(-1);
    return field ? `${field}: ${detail}` : detail;
  });
  return `${error.message} ${reasons.join("; ")}`;
}

/** What a client needs. */
export interface GraphqlClientOptions {
  /** Usually `/graphql` on the app's own origin. */
  endpoint: string;
  /** The current access token (memory only), if any. */
  accessToken?: () => string | undefined;
  /**
   * Called once on an UNAUTHENTICATED answer, with the access token that was refused; true when
   * a retry with a new token makes sense.
   */
  refresh?: (rejectedToken?: string) => Promise<boolean>;
  fetch?: typeof fetch;
}

/** Sends typed documents. */
export interface GraphqlClient {
  /** The operation's data; throws {@linkcode GraphqlError} (after one refresh on a 401). */
  request<R, V>(document: TypedDocument<R, V>, variables?: V, signal?: AbortSignal): Promise<R>;
}

/** A client of the gateway at `options.endpoint`. */
export function createGraphqlClient(options: GraphqlClientOptions): GraphqlClient {
  const send = options.fetch ?? ((input, init) => fetch(input, init));

  async function once<R, V>(
    document: TypedDocument<R, V>,
    variables: V | undefined,
    signal?: AbortSignal,
  ): Promise<R> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
    };
    const token = options.accessToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await send(options.endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify({
          query: document.query,
          operationName: document.operationName,
          variables: variables ?? {},
        }),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new GraphqlError("The network is unavailable.", 0, "NETWORK");
    }
    const retryAfter = Number(response.headers.get("retry-after")) || undefined;
    let body: { data?: R | null; errors?: GraphqlErrorEntry[] };
    try {
      body = await response.json();
    } catch {
      throw new GraphqlError(
        `Unexpected answer (${response.status}).`,
        response.status,
        "BAD_RESPONSE",
        [],
        retryAfter,
      );
    }
    if (body.errors?.length) {
      const first = body.errors[0];
      throw new GraphqlError(
        first.message,
        first.extensions?.status ?? (response.ok ? 400 : response.status),
        first.extensions?.code ?? "GRAPHQL_ERROR",
        body.errors,
        retryAfter,
      );
    }
    if (!response.ok || body.data == null) {
      throw new GraphqlError(
        `Unexpected answer (${response.status}).`,
        response.status,
        "BAD_RESPONSE",
        [],
        retryAfter,
      );
    }
    return body.data;
  }

  return {
    async request<R, V>(
      document: TypedDocument<R, V>,
      variables?: V,
      signal?: AbortSignal,
    ): Promise<R> {
      const sentWith = options.accessToken?.();
      try {
        return await once(document, variables, signal);
      } catch (error) {
        if (
          error instanceof GraphqlError && error.status === 401 && options.refresh &&
          await options.refresh(sentWith)
        ) {
          return await once(document, variables, signal);
        }
        throw error;
      }
    },
  };
}
