/**
 * The web app's journeys in Chromium against the real embedded platform: a member signs up,
 * browses, plans, logs workouts online and offline, sees a personal record, requests a report,
 * shops (a card that pays, one that is declined); an admin adjusts stock and sees the revenue;
 * a member cannot open the admin pages. Each is checked in the UI and, where it matters, through
 * the API.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import {
  admin,
  allContain,
  assertAccessible,
  eventually,
  go,
  logIn,
  navTo,
  newMember,
  openPage,
  signUp,
  webTest,
} from "./support/browser.ts";

const squat = { id: "barbell-back-squat", name: "Barbell Back Squat" };
const whey = { sku: "SUP-WHEY-VANILLA-1KG", name: "Whey Protein Vanilla 1 kg" };
const creatine = { sku: "SUP-CREATINE-500G", name: "Creatine Monohydrate 500 g" };

interface SessionBody {
  clientId: string;
  volumeKg: number;
}

/** Starts an empty workout with one set of back squats (reps × weight), not yet saved. */
async function prepareWorkout(page: Page, reps: number, weightKg: number) {
  await navTo(page, "Log workout");
  await page.getByRole("button", { name: "Start empty workout" }).click();
  const picker = page.getByRole("group", { name: "Add an exercise" });
  await picker.getByLabel("Find exercise").fill("back squat");
  await picker.getByLabel("Exercise to add").selectOption(squat.id);
  await picker.getByRole("button", { name: "Add exercise" }).click();
  await page.getByLabel(`Reps, set 1 of ${squat.name}`).fill(String(reps));
  await page.getByLabel(`Weight in kg, set 1 of ${squat.name}`).fill(String(weightKg));
}

webTest("[web] member and admin journeys in Chromium", async (t, web) => {
  const member = newMember("Ana");
  const { context, page } = await openPage(web);
  let token = "";
  const sessions = async () => {
    const response = await web.api("/v1/sessions?limit=100", token);
    assert.equal(response.status, 200);
    return (await response.json()).items as SessionBody[];
  };
  const available = async (sku: string) => {
    const response = await web.api(`/v1/inventory/items/${sku}`);
    assert.equal(response.status, 200);
    return (await response.json()).available as number;
  };

  await t.step("sign up → the welcome notification appears", async () => {
    await signUp(page, member);
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    token = await web.token(member.email, member.password);
    const welcome = `Welcome to FitConnect, ${member.displayName}!`;
    // The welcome comes through the event relays: the API has it within seconds.
    await eventually(async () => {
      const inbox = await (await web.api("/v1/notifications", token)).json();
      assert.ok(JSON.stringify(inbox).includes(welcome), "the API has the welcome");
    });
    // Without a reload: the badge counts it (visually hidden text; the badge shows "1"), and
    // the inbox lists it.
    await navTo(page, "Notifications");
    await page.getByRole("navigation", { name: "Main" }).getByText("1 unread").waitFor({
      state: "attached",
    });
    await page.getByText(welcome).waitFor();
    await assertAccessible(page, "notifications with the welcome");
    await page.getByRole("button", { name: `Mark as read: “${welcome}”` }).click();
    await page.getByRole("navigation", { name: "Main" }).getByText("1 unread").waitFor({
      state: "detached",
    });
  });

  await t.step("browse and search exercises", async () => {
    await navTo(page, "Exercises");
    const results = page.locator("main ul.cards > li.card");
    await results.first().waitFor();
    assert.ok((await results.count()) >= 20, "a first page of the catalog");
    await page.getByLabel("Search exercises").fill("squat");
    await page.waitForURL(/q=squat/);
    await page.getByRole("link", { name: squat.name, exact: true }).waitFor();
    const names = await page.locator("main ul.cards > li.card a").allInnerTexts();
    assert.ok(names.length > 0 && names.every((name) => /squat/i.test(name)), names.join(", "));
    await page.getByLabel("Equipment").selectOption("kettlebell");
    await page.waitForURL(/equipment=kettlebell/);
    await allContain(page, "main ul.cards > li.card .meta", "kettlebell");
    await page.getByLabel("Equipment").selectOption("");
    await page.getByRole("link", { name: squat.name, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: squat.name }).waitFor();
    await page.getByRole("heading", { name: "Instructions" }).waitFor();
    await assertAccessible(page, "exercise detail");
  });

  await t.step("build a plan", async () => {
    await navTo(page, "Plans");
    await page.getByRole("link", { name: "New plan" }).click();
    await page.getByRole("heading", { level: 1, name: "New plan" }).waitFor();
    await page.getByLabel("Plan name").fill("Leg day");
    await page.getByLabel("Level").selectOption("intermediate");
    const picker = page.getByRole("group", { name: "Add an exercise" });
    await picker.getByLabel("Find exercise").fill("back squat");
    await picker.getByLabel("Exercise to add").selectOption(squat.id);
    await picker.getByRole("button", { name: "Add exercise" }).click();
    await picker.getByLabel("Find exercise").fill("romanian deadlift");
    await picker.getByLabel("Exercise to add").selectOption("romanian-deadlift");
    await picker.getByRole("button", { name: "Add exercise" }).click();
    const first = page.getByRole("group", { name: `1. ${squat.name}` });
    await first.getByLabel("Sets").fill("5");
    await first.getByLabel("Reps").fill("5");
    await first.getByLabel("Weight (kg)").fill("100");
    // Reorder: the squat goes second.
    await page.getByRole("button", { name: `Move down: ${squat.name}` }).click();
    await page.getByRole("group", { name: `2. ${squat.name}` }).waitFor();
    await assertAccessible(page, "plan builder with two rows");
    await page.getByRole("button", { name: "Save plan" }).click();
    await page.getByRole("heading", { level: 1, name: "Plans" }).waitFor();
    await page.getByText("Leg day").first().waitFor();
    const plans = await (await web.api("/v1/workouts?limit=100", token)).json();
    const plan = plans.items.find((item: { name: string }) => item.name === "Leg day");
    assert.ok(plan, "the API has the plan");
    assert.equal(plan.level, "intermediate");
    assert.deepEqual(
      plan.exercises.map((e: { exerciseId: string }) => e.exerciseId),
      ["romanian-deadlift", squat.id],
      "in the order the builder left them",
    );
    const squatRow = plan.exercises.find((e: { exerciseId: string }) => e.exerciseId === squat.id);
    assert.equal(squatRow.sets, 5);
    assert.equal(squatRow.weightKg, 100);
  });

  await t.step("log a workout online", async () => {
    await prepareWorkout(page, 5, 100);
    await assertAccessible(page, "log workout with one exercise");
    await page.getByRole("button", { name: "Save workout" }).click();
    await page.getByText(/Workout saved: 500/).waitFor();
    const stored = await sessions();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].volumeKg, 500);
  });

  await t.step("log one offline, back online → synced exactly once", async () => {
    await prepareWorkout(page, 5, 80);
    await context.setOffline(true);
    await page.getByRole("button", { name: "Save workout" }).click();
    await page.getByText(/You are offline: the workout is kept on this device/).waitFor();
    await page.getByText("offline — 1 workout waiting").waitFor();
    await assertAccessible(page, "offline with a workout waiting");
    assert.equal((await sessions()).length, 1, "nothing reached the API while offline");
    await context.setOffline(false);
    await page.getByText("offline — 1 workout waiting").waitFor({ state: "detached" });
    await page.locator(".offline-waiting").waitFor({ state: "detached" });
    // Another flush (a reload starts the outbox again) sends nothing twice.
    await page.reload();
    await page.locator(".account .signed-in").waitFor();
    const stored = await eventually(async () => {
      const all = await sessions();
      assert.equal(all.length, 2);
      return all;
    });
    assert.equal(new Set(stored.map((s) => s.clientId)).size, 2, "distinct clientIds");
    assert.equal(stored.filter((s) => s.volumeKg === 400).length, 1, "stored exactly once");
  });

  await t.step("a personal record is celebrated and shown", async () => {
    await prepareWorkout(page, 5, 120);
    await page.getByRole("button", { name: "Save workout" }).click();
    await page.getByText(/Workout saved: 600/).waitFor();
    await page.getByText(/new personal record/i).first().waitFor();
    await assertAccessible(page, "personal record celebrated");
    // The dashboard's records come from analytics (events): wait for them to arrive.
    await eventually(async () => {
      await navTo(page, "Dashboard");
      const records = page.getByRole("region", { name: "Recent personal records" });
      await records.getByText(squat.name).first().waitFor({ timeout: 1_000 });
    }, 20_000);
    assert.equal((await sessions()).length, 3);
  });

  await t.step("request a report", async () => {
    await navTo(page, "Progress");
    await page.getByRole("button", { name: "Request report" }).click();
    await page.getByText("Your report is ready.").waitFor({ timeout: 30_000 });
    await page.getByText(/Volume: 1,500/).waitFor();
    await assertAccessible(page, "progress with a ready report");
  });

  await t.step("buy a product with pm_card_visa → stock and membership updated", async () => {
    const before = await available(whey.sku);
    await navTo(page, "Shop");
    await page.getByText("You have no active membership.").waitFor();
    await page.getByRole("radio", { name: /^Monthly membership/ }).check();
    await page.getByRole("button", { name: `Add to cart: ${whey.name}` }).click();
    await page.getByRole("radio", { name: "Test Visa (succeeds)" }).check();
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await page.getByText(/Payment of .* succeeded/).waitFor({ timeout: 20_000 });
    await page.getByText(/Membership active \(monthly\)/).waitFor();
    await page.getByText(`${before - 1} in stock`).waitFor();
    await assertAccessible(page, "shop after a payment");
    assert.equal(await available(whey.sku), before - 1);
    const membership = await (await web.api("/v1/me/membership", token)).json();
    assert.equal(membership.active, true);
    assert.equal(membership.planId, "monthly");
  });

  await t.step("a declined card shows the decline", async () => {
    const before = await available(creatine.sku);
    await page.getByRole("button", { name: `Add to cart: ${creatine.name}` }).click();
    await page.getByRole("radio", { name: "Test card that is declined" }).check();
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await page.getByText(/Payment of .* was declined/).waitFor({ timeout: 20_000 });
    const payments = await (await web.api("/v1/payments?limit=1", token)).json();
    assert.equal(payments.items[0].status, "failed");
    await eventually(async () => assert.equal(await available(creatine.sku), before));
  });

  await t.step("a member cannot open admin pages", async () => {
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Profile" }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "Admin" }).count(), 0);
    await go(page, "/admin");
    await page.getByText("Only administrators can open this page.").waitFor();
    const refused = await web.api("/v1/admin/analytics/overview", token);
    assert.equal(refused.status, 403);
    await refused.body?.cancel();
  });

  await t.step("admin adjusts stock and sees revenue", async () => {
    const adminToken = await web.token(admin.email, admin.password);
    // Revenue is counted from payment events: wait until the API has it.
    await eventually(async () => {
      const overview = await (await web.api("/v1/admin/analytics/overview", adminToken)).json();
      assert.ok(overview.revenueByDay.length > 0, "revenue counted");
    }, 20_000);
    const { page: adminPage } = await openPage(web);
    await logIn(adminPage, admin);
    await navTo(adminPage, "Admin");
    await adminPage.getByText("Revenue per day (EUR)").first().waitFor();
    await adminPage.locator(".chart canvas, .chart svg").first().waitFor();
    const before = await available(whey.sku);
    await adminPage.getByRole("button", { name: `Manage ${whey.name}` }).click();
    const item = adminPage.getByRole("region", { name: whey.name });
    await item.getByLabel("Stock change").fill("5");
    await item.getByLabel("Reason").fill("delivery from the wholesaler");
    await item.getByRole("button", { name: "Adjust stock" }).click();
    await item.getByText(`Stock adjusted: ${before + 5} available.`).waitFor();
    await assertAccessible(adminPage, "admin with an item open");
    assert.equal(await available(whey.sku), before + 5);
    await adminPage.context().close();
  });

  await context.close();
});
