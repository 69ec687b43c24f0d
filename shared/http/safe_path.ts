/**
 * The one path check of the public edge: a request path that a URL parser
 * would rewrite is refused before any route sees it.
 *
 * Why it matters: Hono routes on the path as the client sent it (decoded),
 * while `new Request(url)` and every HTTP hop resolve dot segments. A path
 * like `/v1/me/%2e%2e/%2e%2e/internal/x` would then match one route at the
 * gateway and reach another behind it. Refusing every path that parsers
 * disagree about (dot segments in any encoding, backslashes, control
 * characters) makes "the path routed" and "the path forwarded" one string.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { platformProblems, Problem } from "./problem.ts";

/** How many rounds of percent-decoding are undone (`%25252e` is three). */
const maxDecodeRounds = 4;

/** The path of `url` exactly as the client sent it, without the query. */
export function rawPathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf(":") + 3);
  if (start === -1) return "/";
  // Every request asks: no arrays built to find the end.
  const query = url.indexOf("?", start);
  const hash = url.indexOf("#", start);
  let end = url.length;
  if (query !== -1) end = query;
  if (hash !== -1 && hash < end) end = hash;
  return url.slice(start, end);
}

/**
 * Why `rawPath` is refused, or `undefined` when it is safe to route and forward.
 * Cheap for the common case: a path with no `%`, `.` after a slash or `\` passes
 * after one scan.
 */
export function unsafePathReason(rawPath: string): string | undefined {
  if (!rawPath.startsWith("/")) return "the path must start with /";
  if (!needsInspection(rawPath)) return undefined;
  let path = rawPath;
  for (let round = 0; round <= maxDecodeRounds; round++) {
    const reason = literalReason(path);
    if (reason) return reason;
    if (!path.includes("%")) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return "the path holds a malformed percent-encoding";
    }
    if (decoded === path) return undefined;
    path = decoded;
  }
  return "the path is encoded too many times";
}

/** True when the path holds anything that a parser might rewrite. */
function needsInspection(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    // `%`, `\`, a control character, or a `.` that starts a segment.
    if (code === 37 || code === 92 || code < 32 || code === 127) return true;
    if (code === 46 && path.charCodeAt(i - 1) === 47) return true;
  }
  return false;
}

/** The reason the (partly decoded) path is unsafe as it stands. */
function literalReason(path: string): string | undefined {
  if (path.includes("\\")) return "the path holds a backslash";
  // deno-lint-ignore no-control-regex -- control characters are what this looks for.
  if (/[\u0000-\u001f\u007f]/.test(path)) return "the path holds a control character";
  for (const segment of path.split("/")) {
    if (segment === "." || segment === "..") return "the path holds a dot segment";
  }
  return undefined;
}

/** Refuses (400 problem+json) a request whose path parsers could read two ways. */
export function refuseUnsafePaths(): MiddlewareHandler {
  // Not async: it does nothing after `next`, so it hands on next's promise instead of
  // wrapping it in one more (every public request passes here).
  return (c, next) => {
    const reason = unsafePathReason(rawPathOf(c.req.url));
    if (reason) {
      throw new Problem(platformProblems.BAD_REQUEST, `The request path is refused: ${reason}.`);
    }
    return next();
  };
}
