import assert from "node:assert/strict";
import { Hono } from "hono";
import { Problem } from "../http/problem.ts";
import { deliveryHeaders, type EventMessage } from "./port.ts";
import {
  createDeliveryVerifier,
  type DeliveryEnv,
  signDelivery,
  verifiedDeliveries,
} from "./signature.ts";

const current = "sig_current_" + "c".repeat(20);
const next = "sig_next_" + "n".repeat(20);
const url = "http://notifications.internal/queue/deliveries";
const message: EventMessage = {
  id: "evt-1",
  type: "UserRegistered",
  occurredAt: "2025-01-01T00:00:00.000Z",
  payload: { userId: "u-1" },
};
const body = JSON.stringify(message);

function delivery(signature: string | null, options: { body?: string; url?: string } = {}) {
  const headers = new Headers({
    "content-type": "application/json",
    [deliveryHeaders.messageId]: "msg-1",
    [deliveryHeaders.retried]: "2",
  });
  if (signature !== null) headers.set(deliveryHeaders.signature, signature);
  return new Request(options.url ?? url, { method: "POST", headers, body: options.body ?? body });
}

async function rejects(
  request: Request,
  verifier = createDeliveryVerifier({
    currentSigningKey: current,
    nextSigningKey: next,
  }),
) {
  await assert.rejects(verifier.verify(request), (error) => {
    assert.ok(error instanceof Problem);
    assert.equal(error.code, "INVALID_SIGNATURE");
    assert.equal(error.status, 401);
    return true;
  });
}

Deno.test("[queue] delivery signatures", async (t) => {
  const verifier = createDeliveryVerifier({ currentSigningKey: current, nextSigningKey: next });

  await t.step("has QStash's token format", async () => {
    const token = await signDelivery({ signingKey: current, url, body, now: 1_700_000_000_000 });
    const [header, claims] = token.split(".").slice(0, 2).map((part: string) =>
      JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(part, { alphabet: "base64url" })))
    );
    assert.deepEqual(header, { alg: "HS256", typ: "JWT" });
    assert.equal(claims.iss, "Upstash");
    assert.equal(claims.sub, url);
    assert.equal(claims.iat, 1_700_000_000);
    assert.equal(claims.nbf, 1_700_000_000);
    assert.equal(claims.exp, 1_700_000_300);
    assert.match(claims.jti, /^jwt_[0-9a-f]{32}$/);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
    assert.equal(
      claims.body,
      new Uint8Array(digest).toBase64({ alphabet: "base64url", omitPadding: true }),
    );
  });

  await t.step("a signed delivery verifies with the Receiver", async () => {
    const signature = await signDelivery({ signingKey: current, url, body });
    const verified = await verifier.verify(delivery(signature));
    assert.deepEqual(verified, { message, messageId: "msg-1", retried: 2, rawBody: body });
  });

  await t.step("the next key verifies too (key rotation)", async () => {
    const signature = await signDelivery({ signingKey: next, url, body });
    assert.deepEqual((await verifier.verify(delivery(signature))).message, message);
  });

  await t.step("an expired token is refused", async () => {
    const signature = await signDelivery({
      signingKey: current,
      url,
      body,
      now: Date.now() - 10 * 60 * 1000,
    });
    await rejects(delivery(signature));
  });

  await t.step("a token signed with another key is refused", async () => {
    await rejects(delivery(await signDelivery({ signingKey: "w".repeat(32), url, body })));
  });

  await t.step("a tampered body is refused", async () => {
    const signature = await signDelivery({ signingKey: current, url, body });
    const tampered = JSON.stringify({ ...message, payload: { userId: "u-2" } });
    await rejects(delivery(signature, { body: tampered }));
  });

  await t.step("a token for another URL is refused", async () => {
    const signature = await signDelivery({
      signingKey: current,
      url: "http://analytics.internal/queue/deliveries",
      body,
    });
    await rejects(delivery(signature));
  });

  await t.step("a missing or garbled header is refused", async () => {
    await rejects(delivery(null));
    await rejects(delivery("not-a-jwt"));
  });

  await t.step("a signed body that is no event message is a bad request", async () => {
    const other = JSON.stringify({ hello: "world" });
    const signature = await signDelivery({ signingKey: current, url, body: other });
    await assert.rejects(
      verifier.verify(delivery(signature, { body: other })),
      (error) => error instanceof Problem && error.code === "BAD_REQUEST",
    );
  });

  await t.step("both keys are required", () => {
    assert.throws(() => createDeliveryVerifier({ currentSigningKey: current, nextSigningKey: "" }));
  });

  await t.step("verifiedDeliveries sets the delivery or answers 401", async () => {
    const app = new Hono<DeliveryEnv>()
      .onError((error, c) =>
        error instanceof Problem ? c.json({ code: error.code }, 401) : c.text("?", 500)
      )
      .post("/queue/deliveries", verifiedDeliveries(verifier), (c) => {
        const { message, retried } = c.get("delivery");
        return c.json({ id: message.id, retried });
      });
    const ok = await app.fetch(delivery(await signDelivery({ signingKey: current, url, body })));
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { id: "evt-1", retried: 2 });
    const refused = await app.fetch(delivery(null));
    assert.equal(refused.status, 401);
    assert.deepEqual(await refused.json(), { code: "INVALID_SIGNATURE" });
  });
});
