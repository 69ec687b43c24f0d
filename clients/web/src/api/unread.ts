/**
 * The unread count for the navigation's badge: polled every 10 s while signed in (a new
 * member's welcome shows within seconds, not half a minute), at once on every navigation and
 * when a screen marks something read, and when the tab comes back into view.
 *
 * @module
 */
import { useEffect, useState } from "react";
import { UnreadNotificationsDocument } from "../graphql/operations.generated.ts";
import { graphql } from "./graphql.ts";
import { useSession } from "./session.ts";
import { useLocation } from "../app/router.tsx";

const changed = "fitconnect:unread-changed";

/** Tells the badge to count again. */
export function unreadChanged(): void {
  globalThis.dispatchEvent(new Event(changed));
}

/** Unread notifications (50 means "50 or more"); 0 when signed out or unknown. */
export function useUnreadCount(pollMs = 10_000): number {
  const session = useSession();
  const [count, setCount] = useState(0);
  const signedIn = Boolean(session);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!signedIn) {
      setCount(0);
      return;
    }
    let stopped = false;
    const check = () =>
      graphql.request(UnreadNotificationsDocument, {}).then(
        (answer) => !stopped && setCount(answer.notifications.items.length),
        () => {/* Keep the last count; the next poll tries again. */},
      );
    const visible = () => document.visibilityState === "visible" && void check();
    void check();
    const timer = setInterval(check, pollMs);
    globalThis.addEventListener(changed, check);
    document.addEventListener("visibilitychange", visible);
    return () => {
      stopped = true;
      clearInterval(timer);
      globalThis.removeEventListener(changed, check);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [signedIn, pollMs, pathname]);
  return count;
}
