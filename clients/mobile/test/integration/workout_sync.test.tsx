/**
 * Screen tests against the real platform: log in through the screen, see today's workout, log
 * a workout with the network layer switched off, come back online: exactly one session on the
 * server, however often it is sent.
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/react-native";
import App from "../../src/App";
import { graphql, tokens } from "../../src/api/client";
import { MobileProfileDocument } from "../../src/graphql/operations.generated";
import { setNetworkEnabled } from "../../src/api/network";
import { workoutLog } from "../../src/offline/app_log";
import type { PendingSession } from "../../src/offline/types";
import { call, newMember } from "../support/api";

afterEach(async () => {
  setNetworkEnabled(true);
  await tokens.forget();
});

test("log in, see today's plan, log it offline, sync once online: one session on the server", async () => {
  const member = await newMember();
  const exercises = await call("/v1/exercises?limit=2", { token: member.accessToken });
  const [first] = exercises.body.items;
  const plan = await call("/v1/workouts", {
    token: member.accessToken,
    body: { name: "Mobile push day", exercises: [{ exerciseId: first.id, sets: 3, reps: 8 }] },
  });
  expect(plan.status).toBe(201);

  render(<App />);
  fireEvent.changeText(await screen.findByLabelText("Email"), member.email);
  fireEvent.changeText(screen.getByLabelText("Password"), member.password);
  fireEvent.press(screen.getByRole("button", { name: "Log in" }));
  expect(await screen.findByText("Next: Mobile push day")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "Start Mobile push day" }));
  await screen.findByRole("button", { name: "Log set" });

  setNetworkEnabled(false);
  fireEvent.changeText(screen.getByLabelText("Reps"), "8");
  fireEvent.changeText(screen.getByLabelText("Weight (kg)"), "60");
  fireEvent.press(screen.getByRole("button", { name: "Log set" }));
  expect(await screen.findByText("1 set logged")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "Finish workout" }));
  expect(await screen.findByText("offline — 1 workout waiting")).toBeTruthy();
  const [waiting] = (await workoutLog()).outbox.status().items;
  expect((await call("/v1/sessions", { token: member.accessToken })).body.items).toEqual([]);

  setNetworkEnabled(true);
  expect(await screen.findByText("All workouts are synced.", {}, { timeout: 60_000 })).toBeTruthy();
  const sessions = await call("/v1/sessions", { token: member.accessToken });
  expect(sessions.body.items).toHaveLength(1);
  expect(sessions.body.items[0]).toMatchObject({ clientId: waiting.clientId, workoutId: plan.body.id });

  // The answer was lost, say: the outbox sends the same clientId again. Still one session.
  const log = await workoutLog();
  await log.outbox.enqueue(waiting.payload as PendingSession, waiting.clientId);
  await waitFor(() => expect(log.outbox.status().waiting).toBe(0));
  expect((await call("/v1/sessions", { token: member.accessToken })).body.items).toHaveLength(1);
});

test("a refused session is shown with the server's reason, not dropped", async () => {
  const member = await newMember();
  await tokens.adopt({ accessToken: member.accessToken, refreshToken: member.refreshToken, expiresAt: Date.now() + 600_000 });
  const log = await workoutLog();
  await log.start({ name: "Absurd", exercises: [{ id: "x", name: "Unknown" }] });
  await log.addSet({ exerciseId: "no-such-exercise", exerciseName: "Unknown", reps: 5_000, weightKg: 10 });
  const clientId = await log.finish();
  render(<App initialTab="history" />);
  expect(await screen.findByText(/^The workout could not be saved: /, {}, { timeout: 60_000 })).toBeTruthy();
  expect(log.outbox.status().items.find((item) => item.clientId === clientId)?.state).toBe("failed");
  fireEvent.press(screen.getByRole("button", { name: "Discard" }));
  await waitFor(() => expect(log.outbox.status().items).toHaveLength(0));
});

test("a refresh race against the real API: concurrent 401s refresh once, and the login goes on", async () => {
  const member = await newMember();
  // An access token the API refuses, with the real refresh token: every request below is 401.
  await tokens.adopt({ accessToken: "not-a-token", refreshToken: member.refreshToken, expiresAt: Date.now() + 600_000 });
  const answers = await Promise.all([1, 2, 3].map(() => graphql.request(MobileProfileDocument)));
  expect(answers.map((answer) => answer.me.email)).toEqual([member.email, member.email, member.email]);
  expect(tokens.refreshToken()).not.toBe(member.refreshToken);
  // The login lives on: the new refresh token still works (a reuse would have revoked it).
  expect(await tokens.refresh(tokens.accessToken())).toBe(true);
  expect((await graphql.request(MobileProfileDocument)).me.email).toBe(member.email);
});
