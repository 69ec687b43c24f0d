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
  /**
   * What the ratio is taken against: the bare Hono handler (default), or the
   * raw Argon2id hash rate of one thread (for routes whose real cost is a hash), or
   * another scenario of the same run, by name (the same read through another API).
   */
  baseline?: "bare" | "argon2" | { scenario: string };
  /** wrk connections for this scenario (default: the run's setting). */
  connections?: number;
  /**
   * Which server answers: the platform (default), the same platform with its
   * key-value caches off (cold reads), the bare server's reference routes, or
   * the bare drizzle + PGlite session writer (./sessions_reference_server.ts).
   */
  server?: "platform" | "platform-cold" | "bare" | "sessions-reference";
  /** Runs once before measuring; may fill in a token, a body or a path. */
  setup?: (baseUrl: string) => Promise<Partial<BenchRequest>>;
}

const exerciseListRest = "GET /v1/exercises?limit=20 (public catalog)";
const sessionsReference = "reference: POST /v1/sessions as bare drizzle + PGlite";

/** The session the write scenarios log: three exercises of five sets. */
function sessionBody(): string {
  const set = { reps: 5, weightKg: 100, rpe: 8 };
  return JSON.stringify({
    startedAt: "2026-11-27T07:00:00Z",
    endedAt: "2026-11-27T08:00:00Z",
    entries: ["barbell-back-squat", "barbell-bench-press", "barbell-bent-over-row"]
      .map((exerciseId) => ({ exerciseId, sets: [set, set, set, set, set] })),
  });
}
const exerciseListQuery =
  "query Exercises { exercises(limit: 20) { items { id name category equipment } nextCursor } }";

/** A run's figures a ratio can be taken against (requests or hashes per second). */
export interface RunFigures {
  bare: number;
  argon2?: number;
  scenario: (name: string) => number | undefined;
}

/** What `scenario`'s ratio is taken against in this run, and what to call it. */
export function baselineOf(scenario: Scenario, figures: RunFigures) {
  const of = scenario.baseline;
  if (of === "argon2") return { against: figures.argon2, label: "raw Argon2id (1 thread)" };
  if (typeof of === "object") return { against: figures.scenario(of.scenario), label: of.scenario };
  return { against: figures.bare, label: "bare Hono" };
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
    target: 0.5,
  },
  {
    name: "gateway → auth worker: GET /.well-known/jwks.json",
    description: "One hop to a real 200 route answered from memory (the key ring): the " +
      "gateway, the in-process binding and both workers' middleware, no store.",
    path: "/.well-known/jwks.json",
    target: 0.6,
  },
  {
    name: "GET /v1/me (token verification path)",
    description: "Gateway → users worker: EdDSA verification against the cached JWKS, the " +
      "revocation check on the key-value store, one profile read from Postgres, an ETag.",
    path: "/v1/me",
    target: 0.4,
    setup: async (baseUrl) => {
      const { accessToken } = await register(baseUrl);
      return { headers: { authorization: `Bearer ${accessToken}` } };
    },
  },
  {
    name: "POST /v1/auth/login (Argon2id verify)",
    description: "Login throughput as a ratio to raw Argon2id hashes per second on one " +
      "thread in this run: the hash should be the only real cost.",
    path: "/v1/auth/login",
    method: "POST",
    baseline: "argon2",
    target: 0.8,
    connections: 4,
    setup: async (baseUrl) => {
      const { email, password } = await register(baseUrl);
      return {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      };
    },
  },
  {
    name: "GET /v1/workouts/:id warm (cache hit)",
    description: "A member fetches a plan: gateway → workouts worker, token verification, " +
      "the plan from the key-value cache.",
    path: "/v1/workouts/tpl-5x5-strength-a",
    target: 0.5,
    setup: async (baseUrl) => {
      const { accessToken } = await register(baseUrl);
      return { headers: { authorization: `Bearer ${accessToken}` } };
    },
  },
  {
    name: "GET /v1/workouts/:id cold (caches off)",
    description: "The same request on a platform started with FITCONNECT_CACHE=off: the plan " +
      "is read from Postgres every time.",
    path: "/v1/workouts/tpl-5x5-strength-a",
    server: "platform-cold",
    setup: async (baseUrl) => {
      const { accessToken } = await register(baseUrl);
      return { headers: { authorization: `Bearer ${accessToken}` } };
    },
  },
  {
    name: "GET /v1/inventory/items/:sku (availability check)",
    description: "The synchronous availability check: gateway → inventory worker → the item's " +
      "levels (one primary-key read, or the worker's read cache on the embedded database).",
    path: "/v1/inventory/items/SUP-CREATINE-500G",
    target: 0.5,
  },
  {
    name: sessionsReference,
    description: "The floor of logging a session: a bare Hono route on its own PGlite (on " +
      "disk) doing the same writes in one drizzle transaction (session row with a fresh " +
      "client id, bests upsert, outbox row), without the platform around it.",
    path: "/v1/sessions",
    method: "POST",
    expectStatus: 201,
    connections: 8,
    server: "sessions-reference",
    headers: { "content-type": "application/json" },
    body: sessionBody(),
  },
  {
    name: "POST /v1/sessions (unique clientIds)",
    description: "Logs a session with three exercises; no clientId, so the server makes a " +
      "unique one each time: insert, personal bests and the outbox row in one statement. " +
      "As a ratio to the bare drizzle + PGlite reference above.",
    path: "/v1/sessions",
    method: "POST",
    expectStatus: 201,
    connections: 8,
    baseline: { scenario: sessionsReference },
    target: 0.5,
    setup: async (baseUrl) => {
      const { accessToken } = await register(baseUrl);
      return {
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: sessionBody(),
      };
    },
  },
  {
    name: exerciseListRest,
    description: "The public exercise catalog's first page through the REST gateway: " +
      "gateway → workouts worker, the page from the catalog cache, an ETag.",
    path: "/v1/exercises?limit=20",
  },
  {
    name: "POST /graphql exercises(limit: 20)",
    description: "The same page through the GraphQL gateway, as a ratio to the REST read " +
      "above: parse and validate (cached), cost check, one resolver forwarding to the " +
      "same REST route.",
    path: "/graphql",
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: exerciseListQuery }),
    baseline: { scenario: exerciseListRest },
    target: 0.6,
  },
  {
    name: "GET /graphql exercises(limit: 20), persisted query",
    description: "The same page as an automatic persisted query over GET: only the hash " +
      "travels, the document comes from the gateway's cache. As a ratio to the REST read.",
    path: "/graphql?extensions=" + encodeURIComponent(JSON.stringify({
      persistedQuery: { version: 1, sha256Hash: await sha256Hex(exerciseListQuery) },
    })),
    baseline: { scenario: exerciseListRest },
    target: 0.6,
    // Registers the query once, as an Apollo client does after PersistedQueryNotFound.
    setup: async (baseUrl) => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: exerciseListQuery,
          extensions: {
            persistedQuery: { version: 1, sha256Hash: await sha256Hex(exerciseListQuery) },
          },
        }),
      });
      await response.body?.cancel();
      return {};
    },
  },
  {
    name: "gateway health (fans out to 8 workers and their stores)",
    description: "GET /health: the gateway asks every worker, and each checks its stores.",
    path: "/health",
  },
];

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Registers a fresh user; returns its credentials and tokens. */
export async function register(baseUrl: string) {
  const email = `bench-${crypto.randomUUID()}@example.com`;
  const password = "bench password 1234";
  const response = await fetch(`${baseUrl}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, displayName: "Bench" }),
  });
  if (response.status !== 201) {
    throw new Error(`Cannot register a bench user: ${response.status} ${await response.text()}`);
  }
  const { accessToken } = await response.json() as { accessToken: string };
  return { email, password, accessToken };
}
