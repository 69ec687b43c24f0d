/**
 * Time to interactive of one cold page load in Debian's Chromium (`playwright-core`), as
 * ./web_report.ts defines it: a probe injected before any of the page's scripts watches the DOM
 * for the screen's main content and a `longtask` PerformanceObserver for the main thread, and
 * resolves once the content has been there, with no long task, for 500 ms. The time reported is
 * when that quiet stretch began, from navigation start.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";

/** Chromium's path: Debian's package unless `FITCONNECT_CHROMIUM` names another. */
export const chromiumPath = Deno.env.get("FITCONNECT_CHROMIUM") ?? "/usr/bin/chromium";

/** The CPU slowdown every load runs under. */
export const cpuThrottling = 4;

/** How long the main thread must stay free of long tasks. */
const quietMs = 500;

/** A load that never becomes interactive fails after this long. */
const timeoutMs = 90_000;

/** What marks a screen as still loading (the app's `Loading` and busy regions). */
const busySelector = 'main .loading, main [aria-busy="true"]';

/** Launches Chromium headless (`--no-sandbox`: the bench may run as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
    timeout: 30_000,
  });
}

/**
 * The probe, as page source (it runs in the page, before the page's own scripts). `ready` is a
 * selector for the screen's main content.
 */
function probeSource(ready: string): string {
  return `(() => {
  const ready = ${JSON.stringify(ready)};
  const busy = ${JSON.stringify(busySelector)};
  let lastLongTaskEnd = 0;
  let contentAt;
  let resolve;
  const result = new Promise((done) => { resolve = done; });
  Object.defineProperty(globalThis, "__benchTti", { value: result });
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      lastLongTaskEnd = Math.max(lastLongTaskEnd, task.startTime + task.duration);
    }
  }).observe({ type: "longtask", buffered: true });
  const contentShown = () => document.querySelector(ready) && !document.querySelector(busy);
  // Checked on every DOM change, so contentAt is the moment the content arrived.
  new MutationObserver(() => {
    if (contentShown()) contentAt ??= performance.now();
    else contentAt = undefined;
  }).observe(document, { childList: true, subtree: true, attributes: true,
    attributeFilter: ["class", "aria-busy"] });
  const timer = setInterval(() => {
    if (contentAt === undefined) return;
    const quietSince = Math.max(contentAt, lastLongTaskEnd);
    if (performance.now() - quietSince >= ${quietMs}) {
      clearInterval(timer);
      resolve({ ttiMs: quietSince, contentMs: contentAt, lastLongTaskEndMs: lastLongTaskEnd });
    }
  }, 50);
})();`;
}

/** One load's figures, in ms from navigation start. */
export interface ColdLoad {
  ttiMs: number;
  contentMs: number;
  lastLongTaskEndMs: number;
}

/** A cookie to set before the load (the signed-in member's refresh cookie). */
export interface LoadCookie {
  name: string;
  value: string;
  url: string;
}

/**
 * Loads `url` in a new context (empty cache, no storage) with the CPU throttled, and waits for
 * the content `ready` names and 500 ms of quiet.
 */
export async function measureColdLoad(
  browser: Browser,
  { url, ready, cookies = [] }: { url: string; ready: string; cookies?: LoadCookie[] },
): Promise<ColdLoad> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    locale: "en-GB",
  });
  try {
    await context.addCookies(cookies);
    await context.addInitScript({ content: probeSource(ready) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuThrottling });
    await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
    const load = page.evaluate(() =>
      (globalThis as unknown as { __benchTti: Promise<ColdLoad> }).__benchTti
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${url}: "${ready}" not interactive after ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([load, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await context.close();
  }
}
