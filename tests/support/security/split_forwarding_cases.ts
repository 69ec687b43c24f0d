/**
 * What the gateways of split (and production: the same entrypoints) send on
 * for a client: never the internal secret. The gateways run as their own
 * processes, wired by their `main.ts`; the domain workers they forward to
 * are stubs on the workers' ports that record what arrives. Only the
 * gateways' own calls (health, metrics reports: `/internal/*`) may be signed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { internalSecretHeader } from "../../../shared/bindings/service_binding.ts";
import { randomSecret } from "../../../shared/runtime/secret.ts";
import { workerNames } from "../../../shared/runtime/workers.ts";
import { freePort, freePortRange } from "../../../shared/testing/ports.ts";
import { bearer } from "../../../shared/testing/requests.ts";
import { startSplit } from "../../../workers/split.ts";

/** A request a stub worker received. */
interface Seen {
  worker: string;
  path: string;
  secret: string | null;
}

export async function splitForwardingCases(t: Deno.TestContext) {
  const dataDir = await Deno.makeTempDir({ prefix: "fitconnect_forwarding_" });
  const basePort = freePortRange(workerNames.length);
  const internalSecret = randomSecret();
  const seen: Seen[] = [];
  const stubs = (["users", "metrics"] as const).map((worker) =>
    Deno.serve(
      { port: basePort + workerNames.indexOf(worker), hostname: "127.0.0.1", onListen() {} },
      (request) => {
        const path = new URL(request.url).pathname;
        seen.push({ worker, path, secret: request.headers.get(internalSecretHeader) });
        return Response.json({ id: "u-1", email: "stub@example.com", displayName: "Stub" }, {
          headers: { etag: `"1"` },
        });
      },
    )
  );
  const split = await startSplit({
    PATH: Deno.env.get("PATH"),
    HOME: Deno.env.get("HOME"),
    DENO_DIR: Deno.env.get("DENO_DIR"),
    PORT: String(freePort()),
    FITCONNECT_SPLIT_BASE_PORT: String(basePort),
    FITCONNECT_DATA_DIR: dataDir,
    FITCONNECT_INTERNAL_SECRET: internalSecret,
    FITCONNECT_METRICS_TOKEN: randomSecret(),
    LOG_LEVEL: "error",
  }, { only: ["gateway-rest", "gateway-graphql"] });
  // What a client sends: a made-up secret header, which must not reach the worker either.
  const forged = { [internalSecretHeader]: "forged".repeat(8), ...bearer("not-a-token") };
  const arrived = (worker: string, path: string) =>
    seen.filter((request) => request.worker === worker && request.path === path);
  try {
    await t.step("REST: GET /v1/me reaches users unsigned", async () => {
      const response = await fetch(`${split.url}/v1/me`, { headers: forged });
      await response.body?.cancel();
      assert.equal(response.status, 200);
      const requests = arrived("users", "/v1/me");
      assert.equal(requests.length, 1);
      assert.equal(requests[0].secret, null);
    });

    await t.step("REST: GET /metrics reaches the metrics worker unsigned", async () => {
      const response = await fetch(`${split.url}/metrics`, { headers: forged });
      await response.body?.cancel();
      const requests = arrived("metrics", "/metrics");
      assert.equal(requests.length, 1);
      assert.equal(requests[0].secret, null);
    });

    await t.step("GraphQL: a resolver's call for the client reaches users unsigned", async () => {
      const before = arrived("users", "/v1/me").length;
      const response = await fetch(`${split.url}/graphql`, {
        method: "POST",
        headers: { ...forged, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ me { displayName } }" }),
      });
      await response.body?.cancel();
      const requests = arrived("users", "/v1/me").slice(before);
      assert.equal(requests.length, 1);
      assert.equal(requests[0].secret, null);
    });

    await t.step("only /internal/* calls (the gateways' own) were signed", () => {
      const signed = seen.filter((request) => request.secret !== null);
      assert.ok(
        signed.every((request) => request.path.startsWith("/internal/")),
        JSON.stringify(signed),
      );
      assert.ok(signed.every((request) => request.secret === internalSecret));
    });
  } finally {
    await split.stop();
    await Promise.all(stubs.map((stub) => stub.shutdown()));
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}
