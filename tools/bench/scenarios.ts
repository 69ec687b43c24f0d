/**
 * What `deno task bench` measures against the running platform. Append a
 * scenario here to benchmark a new route; `setup` runs once before the
 * pre-flight check (e.g. to register a user and send its token), and its
 * result is merged over the scenario's own request.
 *
 * @module
 */

/** The request a scenario repeats, relative to the platform's base URL. */
export interface BenchRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The status every response must have; anything else counts as an error. Default 200. */
  expectStatus?: number;
}

/** One benchmark scenario. */
export interface Scenario extends BenchRequest {
  name: string;
  description: string;
  /** Minimum requests/s as a ratio to the bare Hono baseline, e.g. 0.6; none: report only. */
  target?: number;
  /** Which server answers: the platform (default) or the bare server's reference routes. */
  server?: "platform" | "bare";
  /** Runs once before measuring; may fill in a token, a body or a path. */
  setup?: (baseUrl: string) => Promise<Partial<BenchRequest>>;
}

/** The scenarios, in the order they run. */
export const scenarios: Scenario[] = [
  {
    name: "reference: bare Hono → in-process bare Hono",
    description: "The floor of the architecture: a bare app forwarding through an in-process " +
      "binding to another bare app, no middleware. No platform code can beat this figure.",
    path: "/hop",
    server: "bare",
  },
  {
    name: "gateway → auth worker (route miss, problem+json)",
    description: "Crosses the REST gateway, the in-process service binding and the auth " +
      "worker's full middleware stack, then renders a 404 problem+json: the fixed cost " +
      "of one hop, with no store involved.",
    path: "/v1/auth/_bench",
    expectStatus: 404,
    target: 0.6,
  },
  {
    name: "gateway health (fans out to 8 workers and their stores)",
    description: "GET /health: the gateway asks every worker, and each checks its stores.",
    path: "/health",
  },
];
