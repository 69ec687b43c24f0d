/**
 * Where a webhook may go: an http(s) URL without credentials whose host is,
 * or resolves only to, deliverable addresses (./address_policy.ts). It is
 * checked when a subscription is written and again before every attempt
 * (DNS may have changed since: rebinding); the attempt then connects to the
 * addresses checked here (./sender.ts).
 *
 * @module
 */
import { type AddressKind, classifyAddress, isDeliverable } from "./address_policy.ts";

/** The addresses a host name resolves to (A and AAAA). */
export type Resolver = (hostname: string) => Promise<string[]>;

/** A URL checked as deliverable, with the addresses its host stands for now. */
export type UrlCheck =
  | { ok: true; url: URL; addresses: string[] }
  | { ok: false; reason: string };

/** What the guard needs. */
export interface UrlGuardOptions {
  /** Loopback allowed (local development and tests); every other refusal stays. */
  allowLoopback: boolean;
  /** DNS (default `Deno.resolveDns`). */
  resolve?: Resolver;
}

/** Checks webhook URLs against the address policy. */
export type UrlGuard = (raw: string) => Promise<UrlCheck>;

/** A and AAAA records of `hostname` through `Deno.resolveDns`; none when it does not resolve. */
export async function resolveWithDns(hostname: string): Promise<string[]> {
  const lookups = await Promise.allSettled([
    Deno.resolveDns(hostname, "A"),
    Deno.resolveDns(hostname, "AAAA"),
  ]);
  return lookups.flatMap((lookup) => lookup.status === "fulfilled" ? lookup.value : []);
}

/** The guard under `options`. */
export function createUrlGuard(options: UrlGuardOptions): UrlGuard {
  const resolve = options.resolve ?? resolveWithDns;
  const refused = (kind: AddressKind, address: string): UrlCheck => ({
    ok: false,
    reason: `resolves to ${address}, a ${kind} address; webhooks go to public addresses only`,
  });
  return async (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: "is not an absolute URL" };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { ok: false, reason: "must use http or https" };
    }
    if (url.username || url.password) return { ok: false, reason: "must not carry credentials" };
    // The URL parser already turned legacy IPv4 spellings into dotted quads.
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const literal = classifyAddress(host);
    // RFC 6761: every name under localhost is loopback, whatever a resolver says.
    const named = /(^|\.)localhost\.?$/i.test(host) ? "loopback" : undefined;
    const kind = literal ?? named;
    if (kind !== undefined) {
      return isDeliverable(kind, options)
        ? { ok: true, url, addresses: [named ? "127.0.0.1" : host] }
        : refused(kind, host);
    }
    const addresses = await resolve(host);
    if (addresses.length === 0) return { ok: false, reason: `host ${host} does not resolve` };
    for (const address of addresses) {
      const resolved = classifyAddress(address) ?? "reserved";
      if (!isDeliverable(resolved, options)) return refused(resolved, address);
    }
    return { ok: true, url, addresses };
  };
}
