/**
 * The mobile app's web build, smoke-tested: `npx expo export --platform web` (offline), served
 * from its own origin, against a real embedded platform that allows that origin (CORS), in
 * Debian's Chromium: log in, see today's workout, log a set, finish, and the server has it.
 *
 * The build is exported once with a placeholder API URL that the static server replaces with
 * the platform's, as a deployment would configure it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { chromiumMissing, freePort, launchBrowser, startPlatform } from "./support/browser.ts";

const app = new URL("../clients/mobile/", import.meta.url).pathname;
const placeholder = "http://fitconnect-api.invalid";

async function exportWeb(outDir: string) {
  const { code, stdout, stderr } = await new Deno.Command("npx", {
    // No --clear: the app's Metro config keeps cached transforms apart per EXPO_PUBLIC_* values
    // (clients/mobile/public_environment.js), so a warm cache is safe (≈ 9 s instead of ≈ 50 s).
    args: ["expo", "export", "--platform", "web", "--output-dir", outDir],
    cwd: app,
    env: { EXPO_OFFLINE: "1", EXPO_PUBLIC_API_URL: placeholder, CI: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  assert.equal(
    code,
    0,
    `expo export failed:\n${decoder.decode(stdout)}\n${decoder.decode(stderr)}`,
  );
}

function serveStatic(dir: string, apiUrl: string, port: number) {
  const types: Record<string, string> = {
    html: "text/html; charset=utf-8",
    js: "text/javascript; charset=utf-8",
    css: "text/css",
    json: "application/json",
    png: "image/png",
    ico: "image/x-icon",
    ttf: "font/ttf",
  };
  const server = Deno.serve({ port, hostname: "127.0.0.1", onListen() {} }, async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const name = path === "/" || !path.includes(".") ? "/index.html" : path;
    if (name.includes("..")) return new Response("no", { status: 400 });
    try {
      const ext = name.split(".").pop() ?? "";
      const bytes = await Deno.readFile(`${dir}${name}`);
      const body = ext === "js"
        ? new TextDecoder().decode(bytes).replaceAll(placeholder, apiUrl)
        : new Blob([bytes]);
      return new Response(body, {
        headers: { "content-type": types[ext] ?? "application/octet-stream" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  return { origin: `http://127.0.0.1:${port}`, server };
}

const missing = chromiumMissing();
const ci = Deno.env.get("CI") === "true";

Deno.test({
  name: "[mobile] web build: log in, see today's workout, log a set",
  ignore: !!missing && !ci,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    if (missing) throw new Error(`Chromium is required with CI=true: ${missing}`);
    const dist = await Deno.makeTempDir({ prefix: "fitconnect-mobile-web-" });
    const staticPort = freePort();
    const origin = `http://127.0.0.1:${staticPort}`;
    // One after the other: on a 2-core machine, the bundler and the platform's start compete.
    await exportWeb(dist);
    const platform = await startPlatform({ FITCONNECT_CORS_ORIGINS: origin });
    const site = serveStatic(dist, platform.baseUrl, staticPort);
    const browser = await launchBrowser();
    const api = (path: string, body?: unknown, token?: string) =>
      fetch(`${platform.baseUrl}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((response) => response.json());
    try {
      const email = `smoke-${Date.now()}@example.test`;
      const password = "correct horse battery";
      const member = await api("/v1/auth/register", { email, password, displayName: "Smoke" });
      const { items: [exercise] } = await api(
        "/v1/exercises?limit=1",
        undefined,
        member.accessToken,
      );
      await api("/v1/workouts", {
        name: "Smoke plan",
        exercises: [{ exerciseId: exercise.id, sets: 3, reps: 5 }],
      }, member.accessToken);

      const context = await browser.newContext({
        locale: "en-GB",
        viewport: { width: 375, height: 800 },
      });
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      const errors: string[] = [];
      const seen: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => seen.push(`console.${message.type()}: ${message.text()}`));
      page.on(
        "requestfailed",
        (request) => seen.push(`failed: ${request.method()} ${request.url()}`),
      );
      page.on("response", (response) => seen.push(`${response.status()} ${response.url()}`));
      try {
        await page.goto(site.origin);
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password").fill(password);
        await page.getByRole("button", { name: "Log in", exact: true }).click();
        await page.getByText("Next: Smoke plan").waitFor();
        await page.getByRole("button", { name: "Start Smoke plan" }).click();
        await page.getByLabel("Reps").fill("5");
        await page.getByLabel("Weight (kg)").fill("40");
        await page.getByRole("button", { name: "Log set" }).click();
        await page.getByText("1 set logged").waitFor();
        await page.getByRole("button", { name: "Finish workout" }).click();
        await page.getByText("All workouts are synced.").waitFor();
      } catch (error) {
        const text = await page.locator("body").innerText().catch(() => "");
        throw new Error(
          `${error}\n--- page ---\n${text}\n--- network, console ---\n${seen.join("\n")}`,
        );
      }
      const sessions = await api("/v1/sessions", undefined, member.accessToken);
      assert.equal(sessions.items.length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close().catch(() => {});
      await site.server.shutdown();
      await platform.stop();
      await Deno.remove(dist, { recursive: true }).catch(() => {});
    }
  },
});
