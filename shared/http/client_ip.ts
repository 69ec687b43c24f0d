/**
 * The client's IP address, for rate limits and logs.
 *
 * The gateway takes it from the connection, or from `X-Forwarded-For` only
 * when the connection comes from a proxy the operator trusts
 * (`FITCONNECT_TRUSTED_PROXIES`), and hands it to the workers behind it in
 * `x-fitconnect-client-ip` — a header they believe only when it comes with
 * the gateway's attestation (`x-fitconnect-edge`), or on a peer's own call.
 *
 * The attestation is a key derived from the internal secret for this one
 * purpose: a client's request forwarded by a gateway never carries the
 * internal secret itself (shared/bindings), so it can vouch for the address
 * without opening any `/internal/*` route.
 *
 * @module
 */
import type { Context } from "hono";
import { createHmac } from "node:crypto";
import { isInternalCall, sameSecret } from "./middleware/internal_only.ts";

/** The header in which the gateway tells workers the client's address. */
export const clientIpHeader = "x-fitconnect-client-ip";

/** The header that proves the client address was set by a gateway. */
export const edgeAttestationHeader = "x-fitconnect-edge";

const attestations = new Map<string, string>();

/** The gateway's attestation for `internalSecret`: derived, so it opens nothing else. */
export function edgeAttestation(internalSecret: string): string {
  let attestation = attestations.get(internalSecret);
  if (!attestation) {
    attestation = createHmac("sha256", internalSecret).update("client-ip attestation")
      .digest("base64url");
    attestations.set(internalSecret, attestation);
  }
  return attestation;
}

/**
 * The header in which the gateway tells workers the origin the client addressed
 * (`https://fitconnect.example`): behind a binding, a worker's own URL is its
 * deployment's, not the one the browser sees.
 */
export const publicOriginHeader = "x-fitconnect-origin";

/** The headers only a gateway says: whatever a client sent in them is dropped, never passed on. */
export const attestationHeaders: ReadonlySet<string> = new Set([
  clientIpHeader,
  publicOriginHeader,
  edgeAttestationHeader,
]);

/**
 * The client address, the public origin (when given) and the attestation, as
 * header pairs for a request the gateway builds in one pass (after leaving out
 * every one of `attestationHeaders` the client sent).
 */
export function attestation(
  clientIp: string,
  internalSecret: string,
  publicOrigin?: string,
): [string, string][] {
  const pairs: [string, string][] = [[clientIpHeader, clientIp]];
  if (publicOrigin) pairs.push([publicOriginHeader, publicOrigin]);
  pairs.push([edgeAttestationHeader, edgeAttestation(internalSecret)]);
  return pairs;
}

/**
 * Sets the client address, the public origin (when given) and the attestation
 * on a request the gateway forwards. Both headers are replaced, never passed
 * on from the client.
 */
export function attestClientIp(
  headers: Headers,
  clientIp: string,
  internalSecret: string,
  publicOrigin?: string,
): void {
  headers.set(clientIpHeader, clientIp);
  if (publicOrigin) headers.set(publicOriginHeader, publicOrigin);
  else headers.delete(publicOriginHeader);
  headers.set(edgeAttestationHeader, edgeAttestation(internalSecret));
}

/**
 * The origin the client addressed: what a gateway attested, else this
 * request's own URL (a client calling the worker directly).
 */
export function requestPublicOrigin(c: Context, internalSecret: string): string {
  const told = c.req.raw.headers.get(publicOriginHeader);
  if (told && isAttested(c.req.raw, internalSecret)) return told;
  return new URL(c.req.url).origin;
}

/**
 * The client address of a request reaching a worker: what a gateway attested
 * (or a peer said on its own call), the connection otherwise.
 */
export function requestClientIp(c: Context, internalSecret: string): string {
  const headers = c.req.raw.headers;
  const told = headers.get(clientIpHeader);
  if (told && isAttested(c.req.raw, internalSecret)) return told;
  return connectionIp(c) ?? "unknown";
}

function isAttested(request: Request, internalSecret: string): boolean {
  const given = request.headers.get(edgeAttestationHeader);
  if (given !== null) return sameSecret(given, edgeAttestation(internalSecret));
  return isInternalCall(request, internalSecret);
}

/** The connection's remote address (Deno.serve passes it as Hono's `env`). */
export function connectionIp(c: Context): string | undefined {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return info?.remoteAddr?.hostname;
}

/**
 * The client address: walking `X-Forwarded-For` from the right, the first
 * hop that is not a trusted proxy — starting from the connection itself.
 */
export function resolveClientIp(
  connection: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string {
  let client = connection ?? "unknown";
  if (!isTrusted(client, trustedProxies) || !forwardedFor) return client;
  const hops = forwardedFor.split(",").map((hop) => hop.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIp(hops[i])) break;
    client = hops[i];
    if (!isTrusted(client, trustedProxies)) break;
  }
  return client;
}

/** True when `ip` equals a trusted address or falls in a trusted IPv4 CIDR. */
export function isTrusted(ip: string, trustedProxies: readonly string[]): boolean {
  return trustedProxies.some((entry) => {
    if (!entry.includes("/")) return entry === ip;
    const [network, bits] = entry.split("/");
    const a = ipv4ToInt(ip);
    const b = ipv4ToInt(network);
    const prefix = Number(bits);
    if (a === null || b === null || !(prefix >= 0 && prefix <= 32)) return false;
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return ((a & mask) >>> 0) === ((b & mask) >>> 0);
  });
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

function isIp(text: string): boolean {
  return ipv4ToInt(text) !== null || /^[0-9a-f:]+$/i.test(text) && text.includes(":");
}
