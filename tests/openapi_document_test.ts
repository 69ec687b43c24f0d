/**
 * The public OpenAPI document itself: served at `/v1/openapi.json`, a valid
 * OpenAPI 3.1 document, covering every public route of every worker (as the
 * gateway routes them), and clean under a maintained linter — Redocly's
 * `recommended` ruleset, zero errors (run through npx at a pinned version:
 * CI needs Node and the npm registry). That every answer of the suite
 * matches it is the harness's job (shared/testing/openapi_conformance.ts).
 */
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { Hono } from "hono";
import type { OpenAPIV3_1 } from "openapi-types";
import { openEmbedded } from "./support/platform.ts";
import { ownerOf, publicRoutes } from "../workers/gateway-rest/testing.ts";

/** The linter, pinned: a new release must not fail CI on its own. */
const redoclyCli = "@redocly/cli@2.77.0";

/** `/v1/workouts/:id` → `/v1/workouts/{id}`. */
function openApiPath(path: string): string {
  return path.split("/").map((s) => s.startsWith(":") ? `{${s.slice(1)}}` : s).join("/");
}

Deno.test({
  name: "[openapi] the public document",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const platform = await openEmbedded({ metricsToken: "operator-token" });
    try {
      const response = await platform.request("/v1/openapi.json");
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      const document = await response.json() as OpenAPIV3_1.Document;

      await t.step("is a valid OpenAPI 3.1 document", async () => {
        const result = await new Validator().validate(document as never);
        assert.deepEqual(result.errors ?? [], []);
        assert.equal(result.valid, true);
        assert.equal(document.openapi, "3.1.0");
      });

      await t.step("describes every public route of every worker", () => {
        const routes = [["/metrics", "metrics"] as const, ...publicRoutes];
        const missing: string[] = [];
        let checked = 0;
        for (const [name, worker] of Object.entries(platform.workers)) {
          for (const route of (worker as unknown as Hono).routes ?? []) {
            if (route.method === "ALL" || route.path.includes("*")) continue;
            const path = openApiPath(route.path);
            if (name === "gateway-rest" || ownerOf(path, routes) !== name) continue;
            checked++;
            const item = document.paths?.[path] as Record<string, unknown> | undefined;
            if (!item?.[route.method.toLowerCase()]) {
              missing.push(`${name}: ${route.method} ${path}`);
            }
          }
        }
        assert.deepEqual(missing, []);
        assert.ok(checked >= 40, `only ${checked} routes were found to check`);
      });

      await t.step("every operation has a summary, security and its problems", () => {
        for (const [path, item] of Object.entries(document.paths ?? {})) {
          for (const [method, operation] of Object.entries(item ?? {})) {
            const op = operation as OpenAPIV3_1.OperationObject;
            const where = `${method.toUpperCase()} ${path}`;
            assert.ok(op.summary, `${where} has a summary`);
            assert.ok(Array.isArray(op.security), `${where} says who may call it`);
            const problem = op.responses?.["500"] as OpenAPIV3_1.ResponseObject | undefined;
            assert.ok(problem?.content?.["application/problem+json"], `${where} documents its 500`);
          }
        }
        const schemes = Object.keys(document.components?.securitySchemes ?? {});
        assert.deepEqual(schemes.sort(), ["apiKey", "bearerAuth", "operatorToken"]);
      });

      await t.step(`lints clean with ${redoclyCli} (recommended)`, async () => {
        const dir = await Deno.makeTempDir();
        try {
          const file = `${dir}/openapi.json`;
          await Deno.writeTextFile(file, JSON.stringify(document));
          const output = await new Deno.Command("npx", {
            args: ["--yes", redoclyCli, "lint", "--extends=recommended", "--format=json", file],
            env: { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
            stdout: "piped",
            stderr: "piped",
          }).output();
          const text = new TextDecoder().decode(output.stdout);
          const report = JSON.parse(text.slice(text.indexOf("{")));
          const errors = (report.problems ?? []).filter((p: { severity: string }) =>
            p.severity === "error"
          );
          assert.deepEqual(errors, [], "no lint errors");
          assert.equal(report.totals?.errors, 0);
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      });
    } finally {
      await platform.close();
    }
  },
});
