/**
 * The web section of `deno task bench` (alone: `deno task bench --only web`):
 *
 * - the initial JavaScript of the production build, gzip (clients/web/scripts/initial_js.ts,
 *   what the budget test asserts);
 * - the dashboard's time to interactive on a cold load, a member signed in, CPU ×4, as a ratio
 *   to an empty Vite page built in the same run and served the same way: each by an embedded
 *   platform of its own (FITCONNECT_WEB_DIR), loaded alternately (./web_tti.ts);
 * - Lighthouse's performance, accessibility and best-practices scores on the dashboard
 *   (./web_lighthouse.ts).
 *
 * A part that fails is reported with its reason; the others still run.
 *
 * @module
 */
import type { Browser } from "playwright-core";
import { ensureWebBuild, webDistDir } from "../../clients/web/scripts/build_stamp.ts";
import { buildEmptyApp } from "../../clients/web/scripts/empty_app.ts";
import { initialJsBudgetBytes, measureInitialJs } from "../../clients/web/scripts/initial_js.ts";
import { freePort, type Service, startPlatform } from "./services.ts";
import { cpuThrottling, launchChromium, type LoadCookie, measureColdLoad } from "./web_tti.ts";
import { runLighthouse } from "./web_lighthouse.ts";
import {
  judgeInitialJs,
  type Measured,
  summariseTti,
  ttiDefinition,
  type TtiReport,
  type WebReport,
} from "./web_report.ts";

/** Cold loads of each page that count (after one warm-up each). */
const loads = 5;

/** The dashboard is interactive once its figures are shown (and nothing in `main` loads). */
const dashboardReady = "main .stats";
/** The empty page's one heading. */
const emptyReady = "main h1";

/** What the web section needs from run.ts. */
export interface WebBenchOptions {
  /** Registers a child process for cleanup before it is awaited. */
  track: (service: Service) => Service;
  dataDir: string;
  /** Where Lighthouse's full report is kept (`lighthouse.json`). */
  resultsDir: URL;
  log: (message: string) => void;
}

async function attempt<T>(what: string, measure: () => Promise<T>): Promise<Measured<T>> {
  try {
    return await measure();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench: ${what} failed: ${message}`);
    return { error: `${what} failed: ${message.split("\n")[0]}` };
  }
}

async function expectStatus(response: Response, status: number, what: string) {
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`Cannot ${what}: got ${response.status}, expected ${status}: ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

const member = {
  email: `bench-web-${crypto.randomUUID()}@example.com`,
  password: "correct horse battery staple",
  displayName: "Bench member",
};

/** Signs the member up and logs three workouts, so the dashboard has figures and a chart. */
async function seedMember(baseUrl: string): Promise<void> {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(baseUrl + path, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const { accessToken } = await expectStatus(
    await post("/v1/auth/register", member),
    201,
    "sign up",
  );
  for (const [daysAgo, weightKg] of [[9, 90], [2, 100], [0, 105]]) {
    const started = new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000);
    await expectStatus(
      await post("/v1/sessions", {
        clientId: `bench-web-${daysAgo}`,
        startedAt: started.toISOString(),
        endedAt: new Date(started.getTime() + 3_000_000).toISOString(),
        entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg }] }],
      }, accessToken),
      201,
      "log a workout",
    );
  }
}

/**
 * A fresh refresh cookie for the member (cookie-mode login, as the app logs in): each load
 * gets its own, since the app rotates it on the refresh that signs it in.
 */
async function refreshCookie(baseUrl: string): Promise<LoadCookie> {
  const response = await fetch(`${baseUrl}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-fitconnect-session": "cookie" },
    body: JSON.stringify({ email: member.email, password: member.password }),
  });
  await expectStatus(response, 200, "log in with a cookie");
  const line = response.headers.getSetCookie().find((c) => c.startsWith("fitconnect_refresh="));
  if (!line) throw new Error("Cannot log in with a cookie: no fitconnect_refresh cookie");
  const value = line.slice("fitconnect_refresh=".length).split(";")[0];
  return { name: "fitconnect_refresh", value, url: `${baseUrl}/v1/auth/` };
}

async function measureTti(browser: Browser, app: string, empty: string): Promise<TtiReport> {
  const dashboard = async () =>
    (await measureColdLoad(browser, {
      url: `${app}/`,
      ready: dashboardReady,
      cookies: [await refreshCookie(app)],
    })).ttiMs;
  const emptyPage = async () =>
    (await measureColdLoad(browser, { url: `${empty}/`, ready: emptyReady })).ttiMs;
  // One of each first: the servers' and the browser's first-time costs are not a cold load's.
  await dashboard();
  await emptyPage();
  const dashboardMs: number[] = [];
  const emptyMs: number[] = [];
  // Alternated, so a busy moment of the machine weighs on both.
  for (let load = 0; load < loads; load++) {
    dashboardMs.push(await dashboard());
    emptyMs.push(await emptyPage());
  }
  return summariseTti(dashboardMs, emptyMs, cpuThrottling);
}

/** Measures the web app; see the module doc. */
export async function benchWeb(
  { track, dataDir, resultsDir, log }: WebBenchOptions,
): Promise<WebReport> {
  log("web: building the app when stale, and an empty Vite app");
  if (!await ensureWebBuild({ info: log, warn: (message) => log(message) })) {
    throw new Error("Cannot bench the web app: it does not build");
  }
  const initialJs = await attempt("initial JS", async () => {
    const { gzipBytes, chunks } = await measureInitialJs(webDistDir);
    return judgeInitialJs(gzipBytes, initialJsBudgetBytes, chunks);
  });
  const emptyDir = `${dataDir}/empty-vite-app`;
  await Deno.mkdir(emptyDir, { recursive: true });
  const emptyDist = await buildEmptyApp(emptyDir);

  log("web: starting a platform for the app and one for the empty page");
  const app = track(startPlatform(freePort(), `${dataDir}/web-app`, true, webDistDir));
  const empty = track(startPlatform(freePort(), `${dataDir}/web-empty`, true, emptyDist));
  try {
    await Promise.all([app.ready, empty.ready]);
    await seedMember(app.baseUrl);

    log(`web: ${loads} cold loads each of the dashboard and the empty page, CPU ×${cpuThrottling}`);
    const tti = await attempt("time to interactive", async () => {
      const browser = await launchChromium();
      try {
        return await measureTti(browser, app.baseUrl, empty.baseUrl);
      } finally {
        await browser.close();
      }
    });

    log("web: Lighthouse on the dashboard");
    const lighthouse = await attempt("Lighthouse", async () => {
      return await runLighthouse(`${app.baseUrl}/`, {
        headers: async () => {
          const { name, value } = await refreshCookie(app.baseUrl);
          return { cookie: `${name}=${value}` };
        },
        reportPath: new URL("lighthouse.json", resultsDir).pathname,
        log,
      });
    });
    return { initialJs, tti, lighthouse, ttiDefinition };
  } finally {
    await Promise.all([app.stop(), empty.stop()]);
  }
}
