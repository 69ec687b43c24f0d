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

/** A free port (see `freePortRange`). */
export function freePort(): number {
  return freePortRange(1);
}

/** The first of `count` consecutive free ports. */
export function freePortRange(count: number): number {
  for (let attempt = 0; attempt < 100; attempt++) {
    // Below the kernel's ephemeral range (32768–60999 on Linux): a port from
    // it can be handed to an outgoing connection between this check and the
    // server's bind, and the server then never comes up.
    const base = 20_000 + Math.floor(Math.random() * (12_000 - count));
    if (Array.from({ length: count }, (_, i) => base + i).every(isFree)) return base;
  }
  throw new Error(`Cannot find ${count} consecutive free ports`);
}
