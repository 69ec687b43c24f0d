/**
 * The inbox, the shop and the profile against the real platform: what each screen does reaches
 * the API (an entry marked read, a membership paid with the offline provider's test card, units,
 * timezone and notification preferences saved, the account closed, the login ended).
 */
import { fireEvent, render, screen } from "@testing-library/react-native";
import App from "../../src/App";
import { tokens } from "../../src/api/client";
import { call, eventually, newMember } from "../support/api";

afterEach(() => tokens.forget());

async function signIn(member: { email: string; password: string }) {
  fireEvent.changeText(await screen.findByLabelText("Email"), member.email);
  fireEvent.changeText(screen.getByLabelText("Password"), member.password);
  fireEvent.press(screen.getByRole("button", { name: "Log in" }));
  await screen.findByRole("button", { name: "Quick start" });
}

test("the inbox lists the welcome; opening it marks it read and leads to Today", async () => {
  const member = await newMember();
  const [welcome] = await eventually("the welcome is in the inbox", async () => {
    const { items } = (await call("/v1/notifications", { token: member.accessToken })).body;
    return items.length > 0 && items;
  });
  render(<App />);
  await signIn(member);
  fireEvent.press(screen.getByRole("tab", { name: "Notifications" }));
  fireEvent.press(await screen.findByRole("button", { name: `Open: ${welcome.title}` }));
  expect(await screen.findByRole("button", { name: "Quick start" })).toBeTruthy();
  await eventually("the entry is read", async () =>
    (await call("/v1/notifications", { token: member.accessToken })).body.items[0].readAt);
});

test("the shop: a plan paid with the test Visa card makes the membership active", async () => {
  const member = await newMember();
  const [plan] = (await call("/v1/plans", { token: member.accessToken })).body.items;
  render(<App />);
  await signIn(member);
  fireEvent.press(screen.getByRole("tab", { name: "Shop" }));
  fireEvent.press(await screen.findByRole("button", { name: new RegExp(`^${plan.name}: `) }));
  fireEvent.press(screen.getByRole("button", { name: "Test Visa (succeeds)" }));
  fireEvent.press(screen.getByRole("button", { name: "Pay" }));
  expect(await screen.findByText(/^Payment of .* (succeeded|is processing)/)).toBeTruthy();
  const membership = await eventually("the membership is active", async () => {
    const { body } = await call("/v1/me/membership", { token: member.accessToken });
    return body.active && body;
  });
  expect(membership.planId).toBe(plan.id);
});

test("the profile: units saved to the account; deleting the account ends it", async () => {
  const member = await newMember();
  render(<App />);
  await signIn(member);
  fireEvent.press(screen.getByRole("tab", { name: "Profile" }));
  await screen.findByText("Signed in as Mobile Member");
  fireEvent.press(screen.getByRole("button", { name: "Imperial (lb)" }));
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Profile saved.")).toBeTruthy();
  expect((await call("/v1/me", { token: member.accessToken })).body.units).toBe("imperial");

  fireEvent.changeText(screen.getByLabelText("Type DELETE to confirm"), "DELETE");
  fireEvent.press(screen.getByRole("button", { name: "Delete my account" }));
  expect(await screen.findByLabelText("Email")).toBeTruthy();
  const login = await call("/v1/auth/login", { body: { email: member.email, password: member.password } });
  expect(login.status).toBe(401);
});

async function openProfile(member: { email: string; password: string }) {
  render(<App />);
  await signIn(member);
  fireEvent.press(screen.getByRole("tab", { name: "Profile" }));
  await screen.findByText("Signed in as Mobile Member");
}

test("the profile: a timezone typed in is saved to the account; an unknown one is refused", async () => {
  const member = await newMember();
  // The server's value before: a screen that never sent the change leaves it so.
  expect((await call("/v1/me", { token: member.accessToken })).body.timezone).toBe("UTC");
  await openProfile(member);
  // Loaded from the account (not the device's zone), so the edit below is not overwritten by the load.
  const field = await screen.findByDisplayValue("UTC");

  fireEvent.changeText(field, "Mars/Olympus_Mons");
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  // The gateway's refusal is on screen with why the value was refused.
  expect(
    await screen.findByText(
      "The request body is not valid. timezone: must be an IANA time zone such as Europe/Berlin or UTC",
    ),
  ).toBeTruthy();
  expect(screen.queryByText("Profile saved.")).toBeNull();
  expect((await call("/v1/me", { token: member.accessToken })).body.timezone).toBe("UTC");

  fireEvent.changeText(screen.getByLabelText("Timezone"), " Asia/Tokyo ");
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Profile saved.")).toBeTruthy();
  expect((await call("/v1/me", { token: member.accessToken })).body.timezone).toBe("Asia/Tokyo");
});

test("the profile: channels switched off and quiet hours are saved as notification preferences", async () => {
  const member = await newMember();
  const preferences = () => call("/v1/notifications/preferences", { token: member.accessToken });
  // The defaults before: every channel on, no quiet hours.
  expect((await preferences()).body).toEqual({ inApp: true, email: true, push: true, quietHours: null });
  await openProfile(member);
  await screen.findByDisplayValue("UTC"); // the account is loaded: the switches show its choices

  fireEvent(screen.getByLabelText("Email"), "valueChange", false);
  fireEvent(screen.getByLabelText("Push"), "valueChange", false);
  fireEvent.changeText(screen.getByLabelText("Quiet from"), "22:30");
  fireEvent.changeText(screen.getByLabelText("Quiet until"), "06:45");
  fireEvent.press(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Profile saved.")).toBeTruthy();
  expect((await preferences()).body).toEqual({
    inApp: true,
    email: false,
    push: false,
    quietHours: { start: "22:30", end: "06:45" },
  });
});

test("the profile: logging out ends this login on the server too", async () => {
  const member = await newMember();
  render(<App />);
  await signIn(member);
  const refreshToken = tokens.refreshToken()!;
  fireEvent.press(screen.getByRole("tab", { name: "Profile" }));
  fireEvent.press(await screen.findByRole("button", { name: "Log out" }));
  expect(await screen.findByLabelText("Email")).toBeTruthy();
  await eventually("the refresh token is revoked", async () =>
    (await call("/v1/auth/refresh", { body: { refreshToken } })).status === 401);
});
