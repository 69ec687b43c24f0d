/**
 * The typed SDK (clients/sdk) against a real platform on a socket: typed
 * calls, pagination over cursor pages, problem+json as `FitConnectProblem`,
 * and retries of a 503 after its `Retry-After` with the same
 * `Idempotency-Key` (through a real local server that refuses the first
 * attempt). And the SDK is never stale: its generated types are what the
 * document generates now.
 */
import assert from "node:assert/strict";
import { createFitConnectClient, FitConnectProblem } from "../clients/sdk/mod.ts";
import { generatedPath, generatedTypes, publicDocument } from "../clients/sdk/generate.ts";
import { listenEmbedded } from "./support/security_target.ts";

Deno.test({
  name: "[sdk] the generated types are up to date (deno task sdk:generate)",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const fresh = await generatedTypes(await publicDocument());
    const committed = await Deno.readTextFile(generatedPath);
    assert.ok(fresh === committed, "clients/sdk is stale: run `deno task sdk:generate`");
  },
});

Deno.test({
  name: "[sdk] a third party integrates with the SDK",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const target = await listenEmbedded();
    try {
      const anonymous = createFitConnectClient({ baseUrl: target.url });
      const email = `sdk-${crypto.randomUUID()}@example.com`;
      const { data: account } = await anonymous.api.POST("/v1/auth/register", {
        body: { email, password: "correct horse battery", displayName: "SDK" },
      });
      assert.ok(account?.accessToken);
      const fc = createFitConnectClient({ baseUrl: target.url, token: account.accessToken });

      await t.step("typed calls: create a plan and read it back", async () => {
        const { data: exercises } = await fc.api.GET("/v1/exercises", {
          params: { query: { limit: "2" } },
        });
        const exerciseId = exercises!.items[0].id;
        const { data: plan, response } = await fc.api.POST("/v1/workouts", {
          body: { name: "SDK plan", exercises: [{ exerciseId, sets: 3, reps: 5 }] },
        });
        assert.equal(response.status, 201);
        const { data: read } = await fc.api.GET("/v1/workouts/{id}", {
          params: { path: { id: plan!.id } },
        });
        assert.equal(read?.name, "SDK plan");
      });

      await t.step("items() follows the cursor over every page", async () => {
        let pages = 0;
        for await (const page of fc.pages("/v1/exercises", { limit: "40" })) {
          pages++;
          assert.ok(page.items.length <= 40);
        }
        const ids = new Set<string>();
        for await (const exercise of fc.items("/v1/exercises", { limit: "40" })) {
          ids.add(exercise.id);
        }
        assert.ok(pages >= 3, `${pages} pages`);
        assert.ok(ids.size >= 100, `${ids.size} exercises`);
      });

      await t.step("a problem is thrown as FitConnectProblem with its code", async () => {
        const error = await fc.api.GET("/v1/workouts/{id}", { params: { path: { id: "nope" } } })
          .then(() => undefined, (e) => e);
        assert.ok(error instanceof FitConnectProblem);
        assert.equal(error.status, 404);
        assert.equal(error.code, "WORKOUT_NOT_FOUND");
        assert.ok(error.requestId);
      });

      await t.step(
        "a 503 is retried after Retry-After, with the same Idempotency-Key",
        async () => {
          const keys: string[] = [];
          let refused = false;
          const proxy = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, (request) => {
            const url = new URL(request.url);
            if (request.method === "POST") keys.push(request.headers.get("idempotency-key") ?? "");
            if (request.method === "POST" && !refused) {
              refused = true;
              return new Response(
                JSON.stringify({
                  type: "https://fitconnect.dev/problems/service-unavailable",
                  title: "Service unavailable",
                  status: 503,
                  detail: "Try again.",
                  code: "SERVICE_UNAVAILABLE",
                  requestId: "r1",
                }),
                {
                  status: 503,
                  headers: { "content-type": "application/problem+json", "retry-after": "0" },
                },
              );
            }
            return fetch(`${target.url}${url.pathname}${url.search}`, {
              method: request.method,
              headers: request.headers,
              body: request.body,
            });
          });
          try {
            const viaProxy = createFitConnectClient({
              baseUrl: `http://127.0.0.1:${proxy.addr.port}`,
              token: account.accessToken,
            });
            const { response } = await viaProxy.api.POST("/v1/analytics/reports", {
              body: { kind: "volume", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" },
            });
            assert.equal(response.status, 202);
            assert.equal(keys.length, 2);
            assert.ok(keys[0].length > 0);
            assert.equal(keys[0], keys[1]);
          } finally {
            await proxy.shutdown();
          }
        },
      );
    } finally {
      await target.close();
    }
  },
});
