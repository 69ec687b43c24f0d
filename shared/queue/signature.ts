/**
 * Delivery signatures, exactly as QStash makes them, so one verification path
 * (`@upstash/qstash`'s `Receiver`) serves both adapters: QStash signs its
 * deliveries in production, the embedded Deno KV queue signs its own with a
 * local key through `signDelivery`.
 *
 * The token is an HS256 JWT with `iss: "Upstash"`, `sub` = the destination
 * URL, `body` = base64url(SHA-256 of the raw body), `iat`/`nbf`/`exp` and a
 * unique `jti`.
 *
 * @module
 */
import { Receiver } from "@upstash/qstash";
import type { MiddlewareHandler } from "hono";
import { base64url, SignJWT } from "jose";
import { defineProblems, platformProblems, Problem } from "../http/problem.ts";
import { deliveryHeaders, type EventMessage, isEventMessage } from "./port.ts";

/** The queue's problem codes. */
export const queueProblems = defineProblems({
  INVALID_SIGNATURE: { status: 401, title: "Invalid signature" },
});

/** How long a signed delivery stays valid (QStash uses five minutes). */
const tokenLifetimeSeconds = 5 * 60;

/** base64url of the SHA-256 of `body`, without padding (the `body` claim). */
export async function bodyHash(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  return base64url.encode(new Uint8Array(digest));
}

/** What `signDelivery` signs. */
export interface SignDeliveryOptions {
  signingKey: string;
  /** The destination URL (the token's `sub`). */
  url: string;
  /** The raw body, exactly as sent. */
  body: string;
  /** Signing time in epoch milliseconds (default now). */
  now?: number;
}

/** The `Upstash-Signature` of a delivery of `body` to `url`, as QStash would sign it. */
export async function signDelivery(options: SignDeliveryOptions): Promise<string> {
  if (!options.signingKey) throw new Error("Cannot sign delivery: signingKey is empty");
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return await new SignJWT({ body: await bodyHash(options.body) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("Upstash")
    .setSubject(options.url)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + tokenLifetimeSeconds)
    .setJti(`jwt_${crypto.randomUUID().replaceAll("-", "")}`)
    .sign(await hmacKey(options.signingKey));
}

/**
 * The HMAC key of `signingKey`, imported once: handed raw bytes, jose imports
 * a key on every signature (a fifth of the embedded queue's signing time in a
 * `deno run --cpu-prof` of the sessions bench).
 * A process signs with one or two keys, so the map stays that small.
 */
const hmacKeys = new Map<string, Promise<CryptoKey>>();
function hmacKey(signingKey: string): Promise<CryptoKey> {
  let key = hmacKeys.get(signingKey);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(signingKey),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    hmacKeys.set(signingKey, key);
  }
  return key;
}

/** A delivery whose signature and body were checked. */
export interface VerifiedDelivery {
  message: EventMessage;
  /** `Upstash-Message-Id`: the queue's id of this delivery (not the event's id). */
  messageId: string;
  /** `Upstash-Retried`: 0 on the first attempt. */
  retried: number;
  rawBody: string;
}

/** Checks deliveries; throws `INVALID_SIGNATURE` (401) or `BAD_REQUEST` (400) as a `Problem`. */
export interface DeliveryVerifier {
  verify(request: Request): Promise<VerifiedDelivery>;
}

/** The keys a verifier accepts: QStash's current and next signing keys (rotation). */
export interface DeliveryVerifierOptions {
  currentSigningKey: string;
  nextSigningKey: string;
  /**
   * The URL deliveries are addressed to (the signed `sub`). Defaults to the
   * request's URL; set it when a proxy rewrites the URL on the way in.
   */
  url?: string;
  /** Clock skew tolerated on `iat`/`nbf`/`exp`, in seconds (default 0). */
  clockToleranceSeconds?: number;
}

/** A verifier over `@upstash/qstash`'s `Receiver`: tries the current key, then the next. */
export function createDeliveryVerifier(options: DeliveryVerifierOptions): DeliveryVerifier {
  if (!options.currentSigningKey || !options.nextSigningKey) {
    throw new Error("Cannot verify deliveries: currentSigningKey and nextSigningKey are required");
  }
  // devMode: false, so QSTASH_DEV in the environment can never swap the keys.
  const receiver = new Receiver({
    currentSigningKey: options.currentSigningKey,
    nextSigningKey: options.nextSigningKey,
    devMode: false,
  });
  return {
    async verify(request) {
      const signature = request.headers.get(deliveryHeaders.signature);
      if (!signature) {
        throw new Problem(
          queueProblems.INVALID_SIGNATURE,
          `The ${deliveryHeaders.signature} header is missing.`,
        );
      }
      const rawBody = await request.text();
      try {
        await receiver.verify({
          signature,
          body: rawBody,
          url: options.url ?? request.url,
          clockTolerance: options.clockToleranceSeconds,
        });
      } catch (error) {
        throw new Problem(
          queueProblems.INVALID_SIGNATURE,
          "The delivery's signature is not valid.",
          {
            cause: error,
          },
        );
      }
      let message: unknown;
      try {
        message = JSON.parse(rawBody);
      } catch (error) {
        throw new Problem(platformProblems.BAD_REQUEST, "The delivery's body is not JSON.", {
          cause: error,
        });
      }
      if (!isEventMessage(message)) {
        throw new Problem(
          platformProblems.BAD_REQUEST,
          "The delivery's body is not an event message.",
        );
      }
      const retried = Number(request.headers.get(deliveryHeaders.retried) ?? "0");
      return {
        message,
        messageId: request.headers.get(deliveryHeaders.messageId) ?? message.id,
        retried: Number.isInteger(retried) && retried >= 0 ? retried : 0,
        rawBody,
      };
    },
  };
}

/** What `verifiedDeliveries` adds to the context. */
export interface DeliveryEnv {
  Variables: { delivery: VerifiedDelivery };
}

/** Hono middleware: verifies the delivery and sets `c.get("delivery")`, or throws the problem. */
export function verifiedDeliveries(verifier: DeliveryVerifier): MiddlewareHandler<DeliveryEnv> {
  return async (c, next) => {
    c.set("delivery", await verifier.verify(c.req.raw));
    await next();
  };
}
