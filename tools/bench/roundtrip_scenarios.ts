/**
 * What the round-trips section (./roundtrips.ts) sends: one scenario per
 * user action, each a sequence of steps (checkout is two requests), each step
 * counted on its own. Targets are the most database round trips one request
 * may make (issue 16: a warm read none, a cold read one, logging a session
 * two, checkout three).
 *
 * @module
 */
import { benchAdmin } from "./checkout.ts";
import { register } from "./scenarios.ts";

/** Sends one step's request; resolves with its JSON body once the status was `expectStatus`. */
export type Measure = (send: () => Promise<Response>, expectStatus: number) => Promise<unknown>;

/** One user action, counted step by step. */
export interface RoundTripScenario {
  /** The platform with the key-value read caches on (warm), or off (cold). */
  server: "warm" | "cold";
  /** The steps in the order one iteration measures them. */
  steps: { name: string; target: number | null }[];
  /** Runs once before measuring; answers one iteration, which passes each step through `measure`. */
  setup(baseUrl: string, iterations: number): Promise<(measure: Measure) => Promise<void>>;
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** A GET with a fresh member's token, the same each iteration. */
function signedInRead(
  name: string,
  path: string,
  server: "warm" | "cold",
  target: number | null,
): RoundTripScenario {
  return {
    server,
    steps: [{ name, target }],
    async setup(baseUrl) {
      const { accessToken } = await register(baseUrl);
      const headers = { authorization: `Bearer ${accessToken}` };
      return async (measure) => {
        await measure(() => fetch(baseUrl + path, { headers }), 200);
      };
    },
  };
}

const plan = "/v1/workouts/tpl-5x5-strength-a";
const sku = "SUP-CREATINE-500G";

/** The scenarios, in the order they run. */
export const roundTripScenarios: RoundTripScenario[] = [
  signedInRead("GET /v1/me", "/v1/me", "warm", null),
  signedInRead("GET /v1/workouts/:id warm", plan, "warm", 0),
  signedInRead("GET /v1/workouts/:id cold (caches off)", plan, "cold", 1),
  signedInRead(`GET /v1/inventory/items/:sku`, `/v1/inventory/items/${sku}`, "warm", null),
  {
    server: "warm",
    steps: [{ name: "POST /v1/sessions (three exercises)", target: 2 }],
    async setup(baseUrl) {
      const { accessToken } = await register(baseUrl);
      const set = { reps: 5, weightKg: 100, rpe: 8 };
      const body = {
        startedAt: "2026-11-27T07:00:00Z",
        endedAt: "2026-11-27T08:00:00Z",
        entries: ["barbell-back-squat", "barbell-bench-press", "barbell-bent-over-row"]
          .map((exerciseId) => ({ exerciseId, sets: [set, set, set, set, set] })),
      };
      const request = json(body, { authorization: `Bearer ${accessToken}` });
      return async (measure) => {
        await measure(() => fetch(`${baseUrl}/v1/sessions`, request), 201);
      };
    },
  },
  {
    server: "warm",
    steps: [
      { name: "checkout: POST /v1/payments", target: 3 },
      { name: "checkout: POST /v1/payments/:id/confirm", target: null },
    ],
    async setup(baseUrl, iterations) {
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(baseUrl + path, json(body, headers));
      const admin = await (await post("/v1/auth/login", benchAdmin)).json();
      const restock = await post(
        `/v1/inventory/items/${sku}/adjustments`,
        { delta: iterations * 2, reason: "bench restock" },
        { authorization: `Bearer ${admin.accessToken}` },
      );
      if (restock.status !== 201) throw new Error(`Cannot restock: got ${restock.status}`);
      // A member may start 20 checkouts per 10 minutes (workers/payments/limits.ts).
      const buyers = await Promise.all(
        Array.from({ length: Math.ceil(iterations / 15) }, () => register(baseUrl)),
      );
      let next = 0;
      return async (measure) => {
        const authorization = `Bearer ${buyers[next++ % buyers.length].accessToken}`;
        const headers = { authorization, "idempotency-key": crypto.randomUUID() };
        const payment = await measure(
          () => post("/v1/payments", { items: [{ sku, quantity: 1 }] }, headers),
          201,
        ) as { id: string };
        await measure(
          () =>
            post(`/v1/payments/${payment.id}/confirm`, { paymentMethod: "pm_card_visa" }, {
              authorization,
            }),
          200,
        );
      };
    },
  },
];
