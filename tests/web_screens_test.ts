/**
 * Every screen of the web app, in English and Russian, at 375 and 1280 px: axe-core finds no
 * serious or critical violation at either width, and a screenshot goes to `tests/.screenshots/`
 * (git-ignored).
 * Then the main flows by keyboard alone: the skip link, log in, the navigation, and logging a
 * workout (Tab, Shift+Tab, Enter, Space; no mouse).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import {
  admin,
  assertAccessible,
  go,
  logIn,
  openPage,
  screenshot,
  settled,
  type Web,
  webTest,
  widths,
} from "./support/browser.ts";

/** Screens a visitor sees, then screens of a signed-in admin (who sees every one). */
const publicScreens = [["signup", "/signup"], ["login", "/login"]] as const;
const memberScreens = [
  ["dashboard", "/"],
  ["exercises", "/exercises"],
  ["exercise", "/exercises/barbell-back-squat"],
  ["plans", "/plans"],
  ["plan-builder", "/plans/new"],
  ["log-workout", "/log"],
  ["progress", "/progress"],
  ["notifications", "/notifications"],
  ["shop", "/shop"],
  ["profile", "/profile"],
  ["admin", "/admin"],
] as const;

const locales = { en: "en-GB", ru: "ru-RU" } as const;

/** Waits for two animation frames (layout and paint after a resize). */
function nextFrames(page: Page): Promise<void> {
  return page.evaluate(() =>
    new Promise<void>((resolve) => {
      const frame = (globalThis as unknown as { requestAnimationFrame(f: () => void): void })
        .requestAnimationFrame;
      frame(() => frame(() => resolve()));
    })
  );
}

/** Whether `locator` has the keyboard focus. */
function focused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) =>
    element === (globalThis as unknown as { document: { activeElement: unknown } }).document
      .activeElement
  );
}

/** Presses Tab (or Shift+Tab) until `locator` has the focus; fails after `max` presses. */
async function tabTo(page: Page, locator: Locator, { back = false, max = 40 } = {}) {
  for (let presses = 0; presses <= max; presses++) {
    if (await focused(locator)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  assert.fail(`${locator} not reached with ${max} ${back ? "Shift+Tab" : "Tab"} presses`);
}

/** Every screen in one language: axe and a screenshot at each width. */
async function everyScreen(web: Web, language: string, locale: string) {
  const { context, page } = await openPage(web, { width: widths.desktop, locale });
  const check = async (name: string) => {
    assert.equal(await page.getAttribute("html", "lang"), language, name);
    await assertAccessible(page, `${name} (${language}, ${widths.desktop} px)`);
    await screenshot(page, `${name}-${language}-${widths.desktop}`);
    await page.setViewportSize({ width: widths.phone, height: 800 });
    await nextFrames(page);
    // The phone layout is its own page to a screen reader: the navigation folds, tables reflow.
    await assertAccessible(page, `${name} (${language}, ${widths.phone} px)`);
    await screenshot(page, `${name}-${language}-${widths.phone}`);
    await page.setViewportSize({ width: widths.desktop, height: 900 });
  };
  try {
    for (const [name, path] of publicScreens) {
      await page.goto(path);
      await settled(page);
      await check(name);
    }
    await logIn(page, admin);
    for (const [name, path] of memberScreens) {
      await go(page, path);
      await check(name);
    }
    const dashboard = language === "en" ? "Dashboard" : "Сводка";
    await page.getByRole("navigation").getByRole("link", { name: dashboard, exact: true })
      .waitFor();
  } finally {
    await context.close();
  }
}

webTest("[web] every screen: axe, screenshots in two languages, keyboard only", async (t, web) => {
  // Some history, so the dashboard and progress draw their charts.
  const token = await web.token(admin.email, admin.password);
  for (const [daysAgo, weightKg] of [[9, 90], [2, 100], [0, 105]]) {
    const started = new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000);
    const response = await web.api("/v1/sessions", token, {
      method: "POST",
      body: JSON.stringify({
        clientId: `screens-${daysAgo}`,
        startedAt: started.toISOString(),
        endedAt: new Date(started.getTime() + 3_000_000).toISOString(),
        entries: [{ exerciseId: "barbell-back-squat", sets: [{ reps: 5, weightKg }] }],
      }),
    });
    assert.equal(response.status, 201, await response.text());
  }

  // The two languages side by side (two renderers): axe is the slow part, and CPU-bound.
  await t.step(
    `every screen in English and Russian at ${widths.desktop} and ${widths.phone} px`,
    async () => {
      const runs = await Promise.allSettled(
        Object.entries(locales).map(([language, locale]) => everyScreen(web, language, locale)),
      );
      const failures = runs.flatMap((run) => run.status === "rejected" ? [run.reason] : []);
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, failures.join("\n\n"));
    },
  );

  await t.step("keyboard only: skip link, log in, navigation, log a workout", async () => {
    const { context, page } = await openPage(web);
    try {
      await page.goto("/login");
      await settled(page);
      // The first Tab reaches the skip link; Enter moves focus to the main content.
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      assert.ok(await focused(skip), "the skip link comes first");
      await page.keyboard.press("Enter");
      assert.ok(await focused(page.locator("main")), "the skip link moves focus to main");

      await tabTo(page, page.getByLabel("Email"));
      await page.keyboard.type(admin.email);
      await page.keyboard.press("Tab");
      assert.ok(await focused(page.getByLabel("Password")));
      await page.keyboard.type(admin.password);
      await tabTo(page, page.getByRole("button", { name: "Log in" }));
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Log out" }).waitFor();
      await settled(page);

      const nav = page.getByRole("navigation", { name: "Main" });
      await tabTo(page, nav.getByRole("link", { name: "Log workout" }));
      await page.keyboard.press("Enter");
      const title = page.getByRole("heading", { level: 1, name: "Log workout" });
      await title.waitFor();
      await page.waitForFunction(() =>
        (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document
          .activeElement.tagName === "H1"
      );

      await tabTo(page, page.getByRole("button", { name: "Start empty workout" }));
      await page.keyboard.press("Space");
      const search = page.getByLabel("Find exercise");
      await tabTo(page, search);
      await page.keyboard.type("back squat");
      await page.waitForFunction(() => {
        const select = (globalThis as unknown as {
          document: { querySelector(s: string): { value: string } | null };
        }).document.querySelector(".picker select");
        return select?.value === "barbell-back-squat";
      });
      await page.keyboard.press("Enter"); // adds the first match
      const reps = page.getByLabel("Reps, set 1 of Barbell Back Squat");
      await reps.waitFor();
      await tabTo(page, reps, { back: true });
      await page.keyboard.type("8");
      await page.keyboard.press("Tab");
      assert.ok(await focused(page.getByLabel("Weight in kg, set 1 of Barbell Back Squat")));
      await page.keyboard.type("60");
      await tabTo(page, page.getByRole("button", { name: "Add set to Barbell Back Squat" }));
      await page.keyboard.press("Space");
      await page.getByLabel("Reps, set 2 of Barbell Back Squat").waitFor();
      await tabTo(page, page.getByRole("button", { name: "Save workout" }));
      await page.keyboard.press("Enter");
      await page.getByText(/Workout saved: 960/).waitFor();
      await assertAccessible(page, "log workout after a keyboard save");
    } finally {
      await context.close();
    }
  });
});
