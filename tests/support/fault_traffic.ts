/**
 * Steady traffic for fault tests: a few members, each in its own loop,
 * reading their profile and the catalog, logging sessions, signing in again
 * and signing newcomers up, with every answer recorded (when, how long,
 * status, problem code).
 *
 * Sessions carry a `clientId`, and a session whose POST was not acknowledged
 * is sent again with the same `clientId`, as the offline-first app does: so
 * the suite can check that every acknowledged session exists afterwards,
 * exactly once.
 *
 * @module
 */
import type { TestUser } from "./identity.ts";

/** One answer the platform gave. */
export interface Answer {
  route: string;
  /** `performance.now()` when the request was sent. */
  sentAt: number;
  ms: number;
  status: number;
  /** The problem's `code`, for a problem+json answer. */
  code?: string;
  retryAfter: string | null;
  /** Content type, to check that errors are problem+json. */
  type: string | null;
}

/** Traffic in progress. */
export interface Traffic {
  answers: Answer[];
  /** Acknowledged sessions (200/201): clientId → the session id answered, per member id. */
  acknowledged: Map<string, { userId: string; sessionId: string }>;
  /** Accounts whose registration was acknowledged (201), to sign in with afterwards. */
  registered: { email: string; password: string }[];
  /** Emails of registrations that were not acknowledged. */
  refused: string[];
  /** Client ids of sessions sent but never acknowledged (the run ended first). */
  unacknowledged: Set<string>;
  /** What made a loop end early (a request that threw instead of answering). */
  failures: unknown[];
  /** Ends every loop after its current request. */
  stop(): Promise<void>;
}

type Send = (path: string, init?: RequestInit, clientIp?: string) => Promise<Response>;

/** A pause between a member's requests: traffic, not a load test. */
const pauseMs = 15;
const signUpEveryMs = 1_000;
const searches = ["squat", "press", "row", "curl", "deadlift"];

/** Starts one loop per member; each member comes from its own client address. */
export function startTraffic(send: Send, users: TestUser[]): Traffic {
  const answers: Answer[] = [];
  const acknowledged = new Map<string, { userId: string; sessionId: string }>();
  const unacknowledged = new Set<string>();
  const registered: { email: string; password: string }[] = [];
  const refused: string[] = [];
  const failures: unknown[] = [];
  let running = true;

  async function call(route: string, path: string, init: RequestInit, clientIp: string) {
    const sentAt = performance.now();
    const response = await send(path, init, clientIp);
    const text = await response.text();
    const type = response.headers.get("content-type");
    const answer: Answer = {
      route,
      sentAt,
      ms: performance.now() - sentAt,
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      type,
    };
    if (type?.startsWith("application/problem+json")) answer.code = JSON.parse(text).code;
    answers.push(answer);
    return { status: response.status, body: type?.includes("json") ? JSON.parse(text) : text };
  }

  // Sign-ups go by the clock, not by turns: a slow machine takes fewer turns, and the run must
  // still sign newcomers up both during the outages and outside them.
  let lastSignUp = -Infinity;

  async function member(user: TestUser, index: number) {
    const clientIp = `10.0.0.${index + 1}`;
    let token = user.accessToken;
    let pending: string | undefined;
    const json = (body: unknown, auth = true): RequestInit => ({
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(auth ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    for (let turn = 0; running; turn++) {
      const bearer = { headers: { authorization: `Bearer ${token}` } };
      switch (turn % 4) {
        case 0:
          await call("GET /v1/me", "/v1/me", bearer, clientIp);
          break;
        case 1: {
          const q = searches[(turn + index) % searches.length];
          await call("GET /v1/exercises", `/v1/exercises?q=${q}&limit=5`, {}, clientIp);
          break;
        }
        case 2: {
          // A session that was not acknowledged is sent again, same clientId.
          const clientId = pending ?? `s-${user.id.slice(0, 8)}-${turn}`;
          const { status, body } = await call(
            "POST /v1/sessions",
            "/v1/sessions",
            json({
              clientId,
              startedAt: new Date(Date.now() - 3_600_000).toISOString(),
              entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg: 100 }] }],
            }),
            clientIp,
          );
          if (status === 200 || status === 201) {
            acknowledged.set(clientId, { userId: user.id, sessionId: body.id });
            unacknowledged.delete(clientId);
            pending = undefined;
          } else {
            unacknowledged.add(clientId);
            pending = clientId;
          }
          break;
        }
        default:
          // The first member signs a newcomer up about once a second (a hash each: rarely).
          if (index === 0 && performance.now() - lastSignUp >= signUpEveryMs) {
            lastSignUp = performance.now();
            const email = `newcomer-${crypto.randomUUID().slice(0, 8)}@example.com`;
            const password = "correct horse battery";
            const { status } = await call(
              "POST /v1/auth/register",
              "/v1/auth/register",
              json({ email, password, displayName: "Newcomer" }, false),
              clientIp,
            );
            if (status === 201) registered.push({ email, password });
            else refused.push(email);
            // About one sign-in a second per member: well under the per-address limit.
          } else if (turn % 40 === 3) {
            const { status, body } = await call(
              "POST /v1/auth/login",
              "/v1/auth/login",
              json({ email: user.email, password: user.password }, false),
              clientIp,
            );
            if (status === 200) token = body.accessToken;
          } else {
            await call("GET /v1/sessions", "/v1/sessions?limit=5", bearer, clientIp);
          }
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  const loops = users.map((user, index) =>
    member(user, index).catch((error) => {
      failures.push(error);
    })
  );
  return {
    answers,
    acknowledged,
    unacknowledged,
    registered,
    refused,
    failures,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
