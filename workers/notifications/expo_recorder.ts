/**
 * A stand-in for Expo's push API on 127.0.0.1 for tests, as the Stripe and
 * QStash adapters are tested: it records every request (method, path,
 * headers, parsed body) and answers as Expo does — one ticket per message
 * (`DeviceNotRegistered` for the tokens told to be gone), and for
 * `getReceipts` the receipts it was told to hold. It can refuse the next
 * requests with a status, as an outage would.
 *
 * @module
 */
import type { PushReceipt } from "./push.ts";

/** One request as the recorder received it. */
export interface RecordedPushRequest {
  method: string;
  path: string;
  headers: Headers;
  /** The JSON body, parsed. */
  body: unknown;
  /** The status the recorder answered. */
  status: number;
}

/** A running recorder. */
export interface ExpoRecorder {
  /** `http://127.0.0.1:<port>`: the value of `FITCONNECT_EXPO_PUSH_URL`. */
  baseUrl: string;
  requests: RecordedPushRequest[];
  /** Messages Expo accepted so far (answered 200), over every `push/send` request. */
  messages(): Record<string, unknown>[];
  /** Tokens whose tickets say `DeviceNotRegistered`. */
  gone: Set<string>;
  /** Receipts `getReceipts` answers, by ticket id (absent: not ready). */
  receipts: Map<string, PushReceipt>;
  /** Answers the next `count` requests with `status` (an outage). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

const notRegistered = (token: string) => ({
  status: "error" as const,
  message: `"${token}" is not a registered push notification recipient`,
  details: { error: "DeviceNotRegistered", expoPushToken: token },
});

/** Starts a recorder on a port the kernel picks. */
export function startExpoRecorder(): ExpoRecorder {
  const requests: RecordedPushRequest[] = [];
  const gone = new Set<string>();
  const receipts = new Map<string, PushReceipt>();
  let failures = 0;
  let failureStatus = 503;
  let tickets = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = new URL(request.url).pathname;
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    const recorded = { method: request.method, path, headers: request.headers, body, status: 200 };
    requests.push(recorded);
    const response = answer(path, request.method, body);
    recorded.status = response.status;
    return response;
  });

  function answer(path: string, method: string, body: unknown): Response {
    if (failures > 0) {
      failures--;
      return Response.json({ errors: [{ code: "INTERNAL_SERVER_ERROR", message: "down" }] }, {
        status: failureStatus,
      });
    }
    if (method === "POST" && path === "/--/api/v2/push/send") {
      const data = (body as { to: string }[]).map((message) =>
        gone.has(message.to)
          ? notRegistered(message.to)
          : { status: "ok", id: `ticket-${++tickets}` }
      );
      return Response.json({ data });
    }
    if (method === "POST" && path === "/--/api/v2/push/getReceipts") {
      const ids = (body as { ids: string[] }).ids;
      const data = Object.fromEntries(
        ids.filter((id) => receipts.has(id)).map((id) => [id, receipts.get(id)]),
      );
      return Response.json({ data });
    }
    return Response.json({ errors: [{ code: "NOT_FOUND" }] }, { status: 404 });
  }

  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    requests,
    messages: () =>
      requests.filter((r) => r.path === "/--/api/v2/push/send" && r.status === 200)
        .flatMap((r) => r.body as Record<string, unknown>[]),
    gone,
    receipts,
    failNext(count, status = 503) {
      failures = count;
      failureStatus = status;
    },
    close: () => server.shutdown(),
  };
}

/** A receipt saying the device is gone (as Expo words it). */
export function deviceNotRegisteredReceipt(): PushReceipt {
  return {
    status: "error",
    message: "The device cannot receive push notifications anymore",
    details: { error: "DeviceNotRegistered" },
  };
}
