/**
 * Push against the real platform: signing in registers the device's Expo push token through
 * the devices API, and a personal record then reaches the recording Expo push server that the
 * global setup points the platform at (FITCONNECT_EXPO_PUSH_URL); tapping that push opens the
 * screen it is about.
 */
import { act, fireEvent, render, screen } from "@testing-library/react-native";
import App from "../../src/App";
import { tokens } from "../../src/api/client";
import { call, eventually, newMember } from "../support/api";

const recorder = process.env.FITCONNECT_PUSH_RECORDER_URL!;

afterEach(() => tokens.forget());

async function signIn(member: { email: string; password: string }) {
  render(<App />);
  fireEvent.changeText(await screen.findByLabelText("Email"), member.email);
  fireEvent.changeText(screen.getByLabelText("Password"), member.password);
  fireEvent.press(screen.getByRole("button", { name: "Log in" }));
  await screen.findByRole("button", { name: "Quick start" });
}

test("signing in registers this device's Expo push token with the API", async () => {
  const member = await newMember();
  const expoPushToken = `ExponentPushToken[mobile-${Date.now()}]`;
  (globalThis as { __expoPushToken?: string }).__expoPushToken = expoPushToken;
  await signIn(member);
  const devices = await eventually("the device is registered", async () => {
    const { body } = await call("/v1/me/devices", { token: member.accessToken });
    return body.items.length ? body.items : undefined;
  });
  expect(devices).toEqual([expect.objectContaining({ expoPushToken, platform: "ios" })]);
});

test("a personal record sends a push to the registered device", async () => {
  const member = await newMember();
  const expoPushToken = `ExponentPushToken[record-${Date.now()}]`;
  (globalThis as { __expoPushToken?: string }).__expoPushToken = expoPushToken;
  await signIn(member);
  await eventually("the device is registered", async () =>
    (await call("/v1/me/devices", { token: member.accessToken })).body.items.length);
  const [exercise] = (await call("/v1/exercises?limit=1", { token: member.accessToken })).body.items;
  // The first log of an exercise sets the baseline; the heavier second one is a record.
  const logSession = (weightKg: number) =>
    call("/v1/sessions", {
      token: member.accessToken,
      body: {
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        endedAt: new Date().toISOString(),
        entries: [{ exerciseId: exercise.id, sets: [{ reps: 5, weightKg }] }],
      },
    });
  await logSession(100);
  const logged = await logSession(110);
  expect(logged.body.personalRecords.length).toBeGreaterThan(0);
  const sent = await eventually("the push reaches the recording Expo server", async () => {
    const recorded: { method: string; path: string; body: unknown }[] = await (await fetch(`${recorder}/__recorded`)).json();
    return recorded.find((request) =>
      request.path.endsWith("/push/send") && JSON.stringify(request.body).includes(expoPushToken)
    );
  });
  expect(sent.method).toBe("POST");
  expect(sent.path).toBe("/--/api/v2/push/send");

  // The member taps it: the app opens History, where the record is (read from the API, once
  // analytics, which hears of the session through the queue too, has it).
  await eventually("analytics has the record", async () => {
    const { body } = await call("/v1/analytics/summary", { token: member.accessToken });
    return body.personalRecords.some((record: { kind: string; value: number }) =>
      record.kind === "max_weight" && record.value === 110
    );
  });
  const pushed = (sent.body as { to: string; data: unknown }[]).find((message) => message.to === expoPushToken)!;
  const taps = (globalThis as { __notificationTaps?: Set<(response: unknown) => void> }).__notificationTaps!;
  expect(taps.size).toBeGreaterThan(0);
  act(() => taps.forEach((tap) => tap({ notification: { request: { content: { data: pushed.data } } } })));
  expect(await screen.findByText("Recent personal records")).toBeTruthy();
  expect(await screen.findByText(/^Heaviest: 110/)).toBeTruthy();
  // This week's volume in the chart: 5 × 100 + 5 × 110 kg.
  expect(screen.getByLabelText(/^Weekly volume: .*1,050 kg$/)).toBeTruthy();
});
