/**
 * Which network addresses a webhook may be delivered to. Everything that is
 * not a public unicast address is refused — loopback, private (RFC 1918,
 * ULA), link-local, cloud metadata, CGNAT, unspecified, multicast, and the
 * reserved and documentation ranges — so a subscription cannot make the
 * platform call into its own network (SSRF). IPv4 hidden inside IPv6
 * (mapped, NAT64, 6to4) is judged as the IPv4 it carries, and the legacy
 * IPv4 spellings (`2130706433`, `0x7f000001`, `0177.1`) as the address they
 * mean.
 *
 * @module
 */

/** What an address is, for the policy. */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "cgnat"
  | "unspecified"
  | "multicast"
  | "reserved";

/** The four bytes of an IPv4 literal in any form `inet_aton` accepts, or undefined. */
export function parseIpv4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length === 0 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part, 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return undefined;
    if (!Number.isSafeInteger(value)) return undefined;
    values.push(value);
  }
  // The last part fills every byte the earlier ones left (`127.1` is 127.0.0.1).
  const last = values.pop()!;
  if (values.some((value) => value > 255) || last >= 256 ** (4 - values.length)) {
    return undefined;
  }
  const bytes = [...values];
  for (let i = 4 - values.length - 1; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}

/** The sixteen bytes of an IPv6 literal (brackets and zone allowed), or undefined. */
export function parseIpv6(text: string): number[] | undefined {
  const address = text.replace(/^\[|\]$/g, "").split("%")[0];
  if (!address.includes(":")) return undefined;
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === "") return [];
    const out: number[] = [];
    const pieces = half.split(":");
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes(".")) {
        const v4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(piece) ? parseIpv4(piece) : undefined;
        if (!v4) return undefined;
        out.push(v4[0] * 256 + v4[1], v4[2] * 256 + v4[3]);
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const words = [...head, ...Array(missing).fill(0), ...tail];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
}

const inV4 = (bytes: number[], prefix: number[], bits: number): boolean => {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (prefix[bit >> 3] & mask)) return false;
  }
  return true;
};

/** The kind of an IPv4 address given as its four bytes. */
export function classifyIpv4(bytes: number[]): AddressKind {
  const ranges: [number[], number, AddressKind][] = [
    [[169, 254, 169, 254], 32, "metadata"],
    [[0, 0, 0, 0], 8, "unspecified"],
    [[127, 0, 0, 0], 8, "loopback"],
    [[10, 0, 0, 0], 8, "private"],
    [[172, 16, 0, 0], 12, "private"],
    [[192, 168, 0, 0], 16, "private"],
    [[169, 254, 0, 0], 16, "link-local"],
    [[100, 64, 0, 0], 10, "cgnat"],
    [[224, 0, 0, 0], 4, "multicast"],
    [[240, 0, 0, 0], 4, "reserved"], // and 255.255.255.255, broadcast
    [[192, 0, 0, 0], 24, "reserved"], // IETF protocol assignments
    [[192, 0, 2, 0], 24, "reserved"], // documentation
    [[198, 18, 0, 0], 15, "reserved"], // benchmarking
    [[198, 51, 100, 0], 24, "reserved"],
    [[203, 0, 113, 0], 24, "reserved"],
  ];
  return ranges.find(([prefix, bits]) => inV4(bytes, prefix, bits))?.[2] ?? "public";
}

/** The kind of an IPv6 address given as its sixteen bytes. */
export function classifyIpv6(bytes: number[]): AddressKind {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  const v4At = (offset: number) => classifyIpv4(bytes.slice(offset, offset + 4));
  if (zeros(0, 16)) return "unspecified";
  if (zeros(0, 15) && bytes[15] === 1) return "loopback";
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) reach that IPv4 address.
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4At(12);
  if (inV4(bytes, [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) return v4At(12);
  if (zeros(0, 12)) return "reserved"; // IPv4-compatible (deprecated)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4At(2); // 6to4
  const metadata = parseIpv6("fd00:ec2::254")!;
  if (bytes.every((byte, i) => byte === metadata[i])) return "metadata";
  if ((bytes[0] & 0xfe) === 0xfc) return "private"; // ULA fc00::/7
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80) return "link-local"; // fe80::/10
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0xc0) return "private"; // site-local fec0::/10
  if (bytes[0] === 0xff) return "multicast";
  if (inV4(bytes, [0x20, 0x01, 0x0d, 0xb8], 32)) return "reserved"; // documentation
  if (inV4(bytes, [0x20, 0x01, 0, 0], 32)) return "reserved"; // Teredo tunnels
  return "public";
}

/** The kind of an IP literal (any IPv4 spelling, IPv6 with or without brackets), or undefined for a name. */
export function classifyAddress(text: string): AddressKind | undefined {
  const v6 = parseIpv6(text);
  if (v6) return classifyIpv6(v6);
  const v4 = parseIpv4(text);
  return v4 ? classifyIpv4(v4) : undefined;
}

/** Whether the platform may deliver to an address of `kind`. */
export function isDeliverable(kind: AddressKind, options: { allowLoopback: boolean }): boolean {
  return kind === "public" || (options.allowLoopback && kind === "loopback");
}
