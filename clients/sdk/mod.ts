/**
 * A typed client of FitConnect's public REST API, generated from
 * `GET /v1/openapi.json` (openapi-typescript types, ./schema.generated.ts)
 * and called through openapi-fetch, with what every integration needs:
 *
 * - `Authorization: Bearer` with a member's token or an API key (`fck_…`);
 * - an `Idempotency-Key` on every POST that has none (a UUID, the same on
 *   each retry of that call, so a retry can never act twice);
 * - retries on 429 and 503, after the answer's `Retry-After`;
 * - problem+json answers thrown as `FitConnectProblem` (./problem.ts);
 * - `pages()` / `items()`: async iterators over cursor pages.
 *
 * ```ts
 * const fc = createFitConnectClient({ baseUrl: "https://api.fitconnect.dev", token: "fck_…" });
 * const { data } = await fc.api.GET("/v1/sessions/{id}", { params: { path: { id } } });
 * for await (const exercise of fc.items("/v1/exercises", { muscle: "chest" })) console.log(exercise.name);
 * ```
 *
 * @module
 */
import createClient, { type Client } from "openapi-fetch";
import { FitConnectProblem, isProblem } from "./problem.ts";
import type { paths } from "./schema.generated.ts";

export { FitConnectProblem } from "./problem.ts";
export type { components, operations, paths } from "./schema.generated.ts";

/** How the client is made. */
export interface FitConnectClientOptions {
  /** The platform's origin, e.g. `https://api.fitconnect.dev`. */
  baseUrl: string;
  /** A member's access token or an API key (`fck_…`). */
  token?: string;
  /** Retries after a 429 or 503 (default 3). */
  retries?: number;
  /** Longest wait honoured from `Retry-After`, in seconds (default 60). */
  maxRetryAfterSeconds?: number;
  /** The fetch to use (default the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

/** Paths whose GET answers a cursor page. */
type PagedPath = {
  [P in keyof paths]: paths[P] extends {
    get: { responses: { 200: { content: { "application/json": { nextCursor: unknown } } } } };
  } ? P
    : never;
}[keyof paths];

type PageOf<P extends PagedPath> = paths[P]["get"]["responses"][200]["content"]["application/json"];
type QueryOf<P extends PagedPath> = paths[P]["get"] extends { parameters: { query?: infer Q } }
  ? Omit<NonNullable<Q>, "cursor">
  : never;

/** The client: `api` (openapi-fetch, fully typed) and the page iterators. */
export interface FitConnectClient {
  api: Client<paths>;
  /** Every page of a list, following `nextCursor` until the last. */
  pages<P extends PagedPath>(path: P, query?: QueryOf<P>): AsyncGenerator<PageOf<P>>;
  /** Every item of a list, page after page. */
  items<P extends PagedPath>(
    path: P,
    query?: QueryOf<P>,
  ): AsyncGenerator<PageOf<P>["items"][number]>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client of the API at `options.baseUrl`. */
export function createFitConnectClient(options: FitConnectClientOptions): FitConnectClient {
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const retries = options.retries ?? 3;
  const maxWait = options.maxRetryAfterSeconds ?? 60;

  async function fetchWithRetries(request: Request): Promise<Response> {
    for (let attempt = 0;; attempt++) {
      const response = await send(request.clone());
      if ((response.status !== 429 && response.status !== 503) || attempt >= retries) {
        return response;
      }
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      await response.body?.cancel();
      await sleep(Math.min(Number.isFinite(seconds) ? seconds : 1, maxWait) * 1000);
    }
  }

  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: fetchWithRetries });
  api.use({
    onRequest({ request }) {
      if (options.token) request.headers.set("authorization", `Bearer ${options.token}`);
      if (request.method === "POST" && !request.headers.has("idempotency-key")) {
        request.headers.set("idempotency-key", crypto.randomUUID());
      }
      return request;
    },
    async onResponse({ response }) {
      if (isProblem(response)) throw new FitConnectProblem(await response.json(), response.headers);
      return response;
    },
  });

  async function* pages<P extends PagedPath>(path: P, query?: QueryOf<P>) {
    let cursor: string | undefined;
    do {
      const get = api.GET as unknown as (
        path: string,
        init: { params: { query: Record<string, unknown> } },
      ) => Promise<{ data?: PageOf<P> }>;
      const { data } = await get(path, {
        params: { query: { ...query, ...(cursor ? { cursor } : {}) } },
      });
      if (!data) return;
      yield data;
      cursor = (data as { nextCursor: string | null }).nextCursor ?? undefined;
    } while (cursor);
  }

  return {
    api,
    pages,
    async *items(path, query) {
      for await (const page of pages(path, query)) {
        yield* (page as unknown as { items: never[] }).items;
      }
    },
  };
}
