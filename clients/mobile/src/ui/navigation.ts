/** The app's screens and how a notification's `data` maps to one (tapping it opens it). */
import { createContext, useContext } from "react";

export const tabs = ["today", "log", "history", "notifications", "shop", "profile"] as const;
export type Tab = (typeof tabs)[number];

/** Goes to a screen. */
export const NavigationContext = createContext<(tab: Tab) => void>(() => {});

/** The navigate function of the app. */
export function useNavigate(): (tab: Tab) => void {
  return useContext(NavigationContext);
}

const byType: Record<string, Tab> = {
  personal_record: "history",
  payment_succeeded: "shop",
  payment_failed: "shop",
  report_ready: "history",
  welcome: "today",
};

const byPath: [RegExp, Tab][] = [
  [/^\/(progress|sessions|history)/, "history"],
  [/^\/(shop|payments|membership)/, "shop"],
  [/^\/(log|workouts)/, "log"],
  [/^\/notifications/, "notifications"],
  [/^\/profile/, "profile"],
];

/** The screen a notification opens: its `data.screen`, its `data.url` path, or its type. */
export function screenFor(data: unknown, type?: string): Tab {
  const record = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const screen = record.screen;
  if (typeof screen === "string" && (tabs as readonly string[]).includes(screen)) return screen as Tab;
  for (const field of [record.url, record.path]) {
    if (typeof field !== "string") continue;
    const path = field.replace(/^[a-z]+:\/\/[^/]*/i, "");
    const match = byPath.find(([pattern]) => pattern.test(path));
    if (match) return match[1];
  }
  const kind = typeof record.type === "string" ? record.type : type;
  return (kind && byType[kind]) || "notifications";
}
