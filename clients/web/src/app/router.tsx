/**
 * A tiny router over the History API: path patterns with `:params`, links that stay in the
 * app, and `aria-current="page"` on the link of the current page.
 *
 * @module
 */
import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  useSyncExternalStore,
} from "react";

const changeEvent = "fitconnect:navigate";

function subscribe(listener: () => void): () => void {
  globalThis.addEventListener("popstate", listener);
  globalThis.addEventListener(changeEvent, listener);
  return () => {
    globalThis.removeEventListener("popstate", listener);
    globalThis.removeEventListener(changeEvent, listener);
  };
}

const snapshot = () => location.pathname + location.search;

/** The current path and query, re-rendering on navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, snapshot, () => "/");
  return new URL(href, location.origin);
}

/** Goes to `to` inside the app (pushes, or replaces the current entry). */
export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  globalThis.dispatchEvent(new Event(changeEvent));
  globalThis.scrollTo?.(0, 0);
}

/** Route parameters by name. */
export type Params = Readonly<Record<string, string>>;

/** The parameters when `pattern` (`/exercises/:id`) matches `pathname`, else undefined. */
export function matchPath(pattern: string, pathname: string): Params | undefined {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.split("/").filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(have[i]);
      } catch {
        return undefined;
      }
    } else if (want[i] !== have[i]) {
      return undefined;
    }
  }
  return params;
}

/** A link inside the app; a plain click navigates without a reload. */
export function Link(
  { to, children, current, ...rest }:
    & { to: string; children: ReactNode; current?: boolean }
    & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">,
) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (
      event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
      event.shiftKey || event.altKey
    ) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a {...rest} href={to} onClick={onClick} aria-current={current ? "page" : undefined}>
      {children}
    </a>
  );
}
