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

/** The path of a link: `fitconnect://notifications/1` → `/notifications/1` (the app's scheme
 * has no host), `https://fitconnect.example/shop` → `/shop`. */
function pathOf(link: string): string {
  const app = /^fitconnect:\/\/(.*)$/i.exec(link);
  if (app) return `/${app[1]}`;
  return link.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
}

/**
 * The screen a tapped notification opens. The push channel sends `data` with `type`, the
 * notification's own fields, and `url` (`fitconnect://notifications/<id>`, its inbox entry):
 * a `screen` named outright wins, then what the notification is about (its type: a record
 * opens History), then the link's path, then the inbox.
 */
export function screenFor(data: unknown, type?: string): Tab {
  const record = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  const screen = record.screen;
  if (typeof screen === "string" && (tabs as readonly string[]).includes(screen)) return screen as Tab;
  const kind = typeof record.type === "string" ? record.type : type;
  if (kind && byType[kind]) return byType[kind];
  for (const field of [record.url, record.path]) {
    if (typeof field !== "string") continue;
    const match = byPath.find(([pattern]) => pattern.test(pathOf(field)));
    if (match) return match[1];
  }
  return "notifications";
}
