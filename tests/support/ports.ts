/**
 * Free TCP ports on loopback for servers a test starts.
 *
 * @module
 */

/** True when nothing listens on `port` at 127.0.0.1 right now. */
function isFree(port: number): boolean {
  try {
    Deno.listen({ hostname: "127.0.0.1", port }).close();
    return true;
  } catch {
    return false;
  }
}

/** A free port chosen by the kernel. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The first of `count` consecutive free ports. */
export function freePortRange(count: number): number {
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    if (Array.from({ length: count }, (_, i) => base + i).every(isFree)) return base;
  }
  throw new Error(`Cannot find ${count} consecutive free ports`);
}
