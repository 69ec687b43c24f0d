/**
 * Paths an attacker would try: every public prefix joined to every
 * `/internal` route by dot segments in every encoding that some parser
 * resolves, and junk where a route takes an id. Random, but from a seed the
 * suite prints, so a failure can be replayed.
 *
 * @module
 */

/** A route of a worker app: its method and pattern (`/internal/profiles/:userId`). */
export interface RoutePattern {
  method: string;
  path: string;
}

/** The routes of Hono apps whose path starts with `prefix`, without middleware entries. */
export function routesOf(
  apps: Iterable<{ routes: readonly { method: string; path: string }[] }>,
  prefix: string,
): RoutePattern[] {
  const seen = new Set<string>();
  const routes: RoutePattern[] = [];
  for (const app of apps) {
    for (const { method, path } of app.routes) {
      if (method === "ALL" || !path.startsWith(prefix) || path.includes("*")) continue;
      const key = `${method} ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method, path });
    }
  }
  return routes;
}

/** `..` as one path segment, in the spellings a URL parser or a decoder turns into `..`. */
export const dotDotSpellings = [
  "..",
  "%2e%2e",
  "%2E%2E",
  ".%2e",
  "%2e.",
  "%2E.",
  "%252e%252e",
  "%252E.",
  "%25252e%25252e",
  "..%2f",
  "..%5c",
  "..\\",
  "%2e%2e%5c",
];

/** `.` as one segment. */
export const dotSpellings = [".", "%2e", "%2E", "%252e"];

/** Junk in place of an id: NUL, bad UTF-8, huge, quotes, look-alikes of numbers. */
export const junkIds = [
  "%00",
  "a%00b",
  "%ff",
  "%C0%AE",
  "%E2%80%AE",
  "%F0%9F%92%A9",
  "null",
  "-1",
  "1e309",
  "%27%20OR%201%3D1--",
  "x".repeat(3000),
  "%20",
  "%09",
];

/** A deterministic generator (mulberry32), so a seed replays a run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces `:params` with `value`. */
export function fillParams(path: string, value: string): string {
  return path.replace(/:[A-Za-z]+/g, value);
}

/** One hostile path from `prefix` (a public pattern) to `internalPath`. */
export function traversal(prefix: string, internalPath: string, random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const base = prefix.replace(/\/\*$/, "/x").replace(/\*$/, "x");
  // Enough `..` to climb out of the prefix, plus a few more, with a stray `.` at times.
  const depth = base.split("/").length - 1 + Math.floor(random() * 3);
  const segments: string[] = [];
  for (let i = 0; i < depth; i++) {
    if (random() < 0.2) segments.push(pick(dotSpellings));
    segments.push(pick(dotDotSpellings));
  }
  const separator = random() < 0.15 ? "%2f" : "/";
  return `${base}/${segments.join(separator)}${internalPath}`;
}
