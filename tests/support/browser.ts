/**
 * Browser tests of the web app: the real embedded platform (`workers/embedded.ts`) in a process
 * of its own on a free port with a scratch data directory, Debian's Chromium driven by
 * `playwright-core`, and the helpers the suites share (contexts, sign-up and login through the
 * UI, the API behind it, axe-core, screenshots).
 *
 * Without Chromium (`/usr/bin/chromium`, or `FITCONNECT_CHROMIUM`) the suites are skipped with a
 * message, except with `CI=true`, where they fail.
 *
 * @module
 */
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ensureWebBuild, webDistDir } from "../../clients/web/scripts/build_stamp.ts";

/** The little of the DOM that functions run in the page use (the tests have no DOM types). */
declare const document: {
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
};

/** Chromium's path: Debian's package unless `FITCONNECT_CHROMIUM` names another. */
export const chromiumPath = Deno.env.get("FITCONNECT_CHROMIUM") ?? "/usr/bin/chromium";

/** The admin the platform starts with. */
export const admin = { email: "admin@e2e.test", password: "admin password for e2e" };

/** Where screenshots go (git-ignored; named in the README). */
export const screenshotDir = new URL("../.screenshots/", import.meta.url).pathname;

/** The two widths every screen is checked at. */
export const widths = { phone: 375, desktop: 1280 } as const;

export function chromiumMissing(): string | undefined {
  try {
    return Deno.statSync(chromiumPath).isFile ? undefined : `${chromiumPath} is not a file`;
  } catch {
    return `${chromiumPath} not found (apt-get install chromium)`;
  }
}

/** A running platform and a browser: what every suite's steps get. */
export interface Web {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  browser: Browser;
  /** Calls the API with a bearer token (or none). */
  api(path: string, token?: string, init?: RequestInit): Promise<Response>;
  /** A JSON-mode access token for these credentials. */
  token(email: string, password: string): Promise<string>;
  /**
   * What no page may do, collected from every page `openPage` opened and asserted empty when
   * the suite ends: a request to another origin, an uncaught error, a CSP violation.
   */
  problems: string[];
}

/**
 * Registers a browser suite: one platform and one browser for the whole file, closed after it.
 * Skipped (with the reason) when Chromium is missing, unless `CI=true`.
 */
export function webTest(name: string, suite: (t: Deno.TestContext, web: Web) => Promise<void>) {
  const missing = chromiumMissing();
  const ci = Deno.env.get("CI") === "true";
  if (missing && !ci) console.warn(`[web] skipping "${name}": ${missing}`);
  Deno.test({
    name,
    ignore: !!missing && !ci,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn(t) {
      if (missing) throw new Error(`Chromium is required with CI=true: ${missing}`);
      const [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
      const web: Web = {
        baseUrl: platform.baseUrl,
        browser,
        problems: [],
        api: (path, token, init = {}) => {
          const headers = new Headers(init.headers);
          if (token) headers.set("authorization", `Bearer ${token}`);
          if (init.body) headers.set("content-type", "application/json");
          return fetch(`${platform.baseUrl}${path}`, { ...init, headers });
        },
        async token(email, password) {
          const response = await web.api("/v1/auth/login", undefined, {
            method: "POST",
            body: JSON.stringify({ email, password }),
          });
          const body = await response.json();
          assert.equal(response.status, 200, JSON.stringify(body));
          return body.accessToken;
        },
      };
      try {
        await suite(t, web);
        assert.deepEqual(web.problems, [], "no other origin, no uncaught error, no CSP violation");
      } finally {
        await browser.close().catch(() => {});
        await platform.stop();
      }
    },
  });
}

/** Launches Chromium headless (`--no-sandbox`: CI runs as root). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
    timeout: 30_000,
  });
}

/** A fresh context (own cookies and IndexedDB) at a width and a language, and its page. */
export async function openPage(
  web: Web,
  { width = widths.desktop, locale = "en-GB" }: { width?: number; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({
    baseURL: web.baseUrl,
    locale,
    viewport: { width, height: 900 },
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(15_000);
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${web.baseUrl}/`) && !/^(data|blob|about):/.test(url)) {
      web.problems.push(`request to another origin: ${url}`);
    }
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => web.problems.push(`uncaught in ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      web.problems.push(`CSP violation in ${page.url()}: ${message.text()}`);
    }
  });
  return { context, page };
}

let counter = 0;

/** A fresh member's credentials. */
export function newMember(name = "Member") {
  counter++;
  const id = `${Date.now().toString(36)}-${counter}`;
  return {
    email: `${name.toLowerCase()}-${id}@e2e.test`,
    password: "correct horse battery staple",
    displayName: `${name} ${counter}`,
  };
}

/** Signs up through the UI (any language: fields by name) and waits for the dashboard. */
export async function signUp(
  page: Page,
  member: { email: string; password: string; displayName: string },
) {
  await page.goto("/signup");
  const form = page.locator("form.account-form");
  await form.locator('input[name="email"]').fill(member.email);
  await form.locator('input[name="password"]').fill(member.password);
  await form.locator('input[name="displayName"]').fill(member.displayName);
  await form.locator('button[type="submit"]').click();
  await signedIn(page);
}

/** Logs in through the UI (any language) and waits until the app shows the session. */
export async function logIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  const form = page.locator("form.account-form");
  await form.locator('input[name="email"]').fill(who.email);
  await form.locator('input[name="password"]').fill(who.password);
  await form.locator('button[type="submit"]').click();
  await signedIn(page);
}

async function signedIn(page: Page) {
  await page.locator(".account .signed-in").waitFor();
  await page.waitForURL((url) => !/\/(login|signup)$/.test(url.pathname));
}

/** Goes to `path` inside the app (no reload, as a link would) and waits for its title. */
export async function go(page: Page, path: string) {
  const here = new URL(page.url());
  if (here.pathname + here.search === path) return await settled(page);
  const before = await page.evaluateHandle(() => document.querySelector("main h1"));
  await page.evaluate((to) => {
    const window = globalThis as unknown as {
      history: { pushState(state: null, unused: string, url: string): void };
      dispatchEvent(event: Event): void;
    };
    window.history.pushState(null, "", to);
    window.dispatchEvent(new Event("popstate"));
  }, path);
  // The previous screen's title goes when the new screen renders.
  await page.waitForFunction((old) => document.querySelector("main h1") !== old, before);
  await before.dispose();
  await settled(page);
}

/** Follows a link of the main navigation (English names) and waits for the screen. */
export async function navTo(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true })
    .click();
  await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
  await settled(page);
}

/**
 * Retries `check` until it passes (for what arrives through events, e.g. analytics), up to
 * `timeoutMs`; rethrows its last failure.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Waits until every element `selector` matches has `text` (and there is at least one). */
export async function allContain(page: Page, selector: string, text: string) {
  await page.waitForFunction(([selector, text]) => {
    const found = Array.from(document.querySelectorAll(selector));
    return found.length > 0 && found.every((element) => element.textContent?.includes(text));
  }, [selector, text] as const);
}

/** Waits until the page has a title and nothing is loading. */
export async function settled(page: Page) {
  await page.locator("main h1").first().waitFor();
  // A function, not a string: the app's CSP forbids eval, which string predicates need.
  await page.waitForFunction(() =>
    !document.querySelector('main .loading, main [aria-busy="true"]')
  );
}

/** Axe on the page as it is: fails on any serious or critical violation. */
export async function assertAccessible(page: Page, label: string) {
  // Legacy mode runs axe in the page itself instead of finishing in a new blank page: the app
  // has no frames, and it halves the time of a run.
  const result = await new AxeBuilder({ page }).setLegacyMode(true).withTags([
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
  ]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    })),
    [],
    `${label}: axe found serious or critical violations`,
  );
}

/** Saves a full-page screenshot as `tests/.screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string) {
  await Deno.mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/** The platform in its own process. */
async function startPlatform(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const quiet = { info() {}, warn: (message: string) => console.error(message) };
  assert.ok(await ensureWebBuild(quiet), "the web app builds");
  const port = freePort();
  const dataDir = await Deno.makeTempDir({ prefix: "fitconnect-e2e-" });
  const env: Record<string, string> = {
    PORT: String(port),
    FITCONNECT_DATA_DIR: dataDir,
    FITCONNECT_WEB_DIR: webDistDir,
    FITCONNECT_ADMIN_EMAIL: admin.email,
    FITCONNECT_ADMIN_PASSWORD: admin.password,
    FITCONNECT_AUTH_IP_LIMIT: "100000",
    LOG_LEVEL: "warn",
  };
  // Only what Deno itself needs: DATABASE_URL & co. would point the platform at shared servers.
  for (const name of ["PATH", "HOME", "DENO_DIR", "TMPDIR", "XDG_CACHE_HOME", "NO_COLOR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  const entry = new URL("../../workers/embedded.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry],
    clearEnv: true,
    env,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let log = "";
  const draining = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of child.stderr) log = (log + decoder.decode(chunk)).slice(-20_000);
  })();
  let exited = false;
  child.status.then(() => exited = true);
  const baseUrl = `http://127.0.0.1:${port}`;

  async function stop() {
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => !exited && child.kill("SIGKILL"), 10_000);
      await child.status;
      clearTimeout(timer);
    }
    await draining.catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }

  // Ready once the admin exists (bootstrapped just after the server listens).
  const deadline = Date.now() + 90_000;
  while (true) {
    if (exited) {
      await stop();
      throw new Error(`the platform exited while starting:\n${log}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the platform did not start within 90 s:\n${log}`);
    }
    try {
      const response = await fetch(`${baseUrl}/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(admin),
      });
      await response.body?.cancel();
      if (response.status === 200) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
