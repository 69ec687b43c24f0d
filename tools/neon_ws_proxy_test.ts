import assert from "node:assert/strict";
import { isLoopback, startNeonWsProxy } from "./neon_ws_proxy.ts";

/** Resolves with the close event, or rejects if the socket ever opens. */
function expectRefused(url: string): Promise<CloseEvent> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      socket.close();
      reject(new Error(`Expected ${url} to be refused, but it opened`));
    };
    socket.onclose = resolve;
  });
}

Deno.test("[tools] neon_ws_proxy", async (t) => {
  const proxy = startNeonWsProxy({ port: 0 });
  const base = `127.0.0.1:${proxy.port}`;
  try {
    await t.step("listens on the port it was given (0 picks one)", () => {
      assert.ok(proxy.port > 0);
    });

    await t.step("refuses a non-loopback address with 403", async () => {
      const response = await fetch(`http://${base}/v1?address=10.0.0.1:5432`, {
        headers: { upgrade: "websocket" },
      });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /not a loopback address/);
    });

    await t.step("a WebSocket to a non-loopback address never opens", async () => {
      await expectRefused(`ws://${base}/v1?address=example.com:5432`);
    });

    await t.step("rejects a malformed address with 400", async () => {
      const response = await fetch(`http://${base}/v1?address=localhost`, {
        headers: { upgrade: "websocket" },
      });
      assert.equal(response.status, 400);
      await response.body?.cancel();
    });

    await t.step("knows what loopback is", () => {
      for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "LOCALHOST"]) {
        assert.ok(isLoopback(host), host);
      }
      for (const host of ["10.0.0.1", "128.0.0.1", "127.0.0.256", "0.0.0.0", "example.com", "::"]) {
        assert.ok(!isLoopback(host), host);
      }
    });

    await t.step("pipes bytes both ways to a loopback TCP server", async () => {
      // An echo server stands in for PostgreSQL.
      const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const echo = (async () => {
        const conn = await listener.accept();
        await conn.readable.pipeTo(conn.writable);
      })();
      const socket = new WebSocket(`ws://${base}/v1?address=127.0.0.1:${listener.addr.port}`);
      socket.binaryType = "arraybuffer";
      const reply = new Promise<Uint8Array>((resolve) => {
        socket.onmessage = (event) => resolve(new Uint8Array(event.data));
      });
      await new Promise((resolve) => socket.onopen = resolve);
      socket.send(new Uint8Array([1, 2, 3]));
      assert.deepEqual(await reply, new Uint8Array([1, 2, 3]));
      const closed = new Promise((resolve) => socket.onclose = resolve);
      socket.close();
      await closed;
      await echo.catch(() => {});
      listener.close();
    });

    await t.step("closes the WebSocket when the TCP side closes", async () => {
      const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const server = listener.accept().then((conn) => conn.close());
      const socket = new WebSocket(`ws://${base}/v1?address=127.0.0.1:${listener.addr.port}`);
      let opened = false;
      socket.onopen = () => opened = true;
      await new Promise((resolve) => socket.onclose = resolve);
      await server;
      assert.ok(opened, "the tunnel should open before the server closes it");
      listener.close();
    });

    await t.step("answers 502 when nothing listens at the address", async () => {
      const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const { port } = listener.addr;
      listener.close();
      const response = await fetch(`http://${base}/v1?address=127.0.0.1:${port}`, {
        headers: { upgrade: "websocket" },
      });
      assert.equal(response.status, 502);
      await response.body?.cancel();
    });
  } finally {
    await proxy.shutdown();
  }
});

Deno.test("[tools] neon_ws_proxy: simulated latency keeps order and counts round trips", async () => {
  const proxy = startNeonWsProxy({ port: 0, latencyMs: 200 });
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const echo = (async () => {
    const conn = await listener.accept();
    await conn.readable.pipeTo(conn.writable).catch(() => {});
  })();
  const socket = new WebSocket(
    `ws://127.0.0.1:${proxy.port}/v1?address=127.0.0.1:${listener.addr.port}`,
  );
  socket.binaryType = "arraybuffer";
  try {
    const received: number[] = [];
    const allBack = new Promise<void>((resolve) => {
      socket.onmessage = (event) => {
        received.push(...new Uint8Array(event.data));
        if (received.length === 3) resolve();
      };
    });
    await new Promise((resolve) => socket.onopen = resolve);
    const sentAt = performance.now();
    for (const byte of [1, 2, 3]) socket.send(new Uint8Array([byte]));
    await allBack;
    // A lower bound only: the delay is a floor the proxy adds, and a busy machine only adds more.
    assert.ok(performance.now() - sentAt >= 190, "a round trip waits the simulated latency");
    assert.deepEqual(received, [1, 2, 3]);
    const stats = await (await fetch(`http://127.0.0.1:${proxy.port}/stats`)).json();
    assert.deepEqual(stats, { messagesToServer: 3, tunnelsOpened: 1 });
  } finally {
    const closed = new Promise((resolve) => socket.onclose = resolve);
    socket.close();
    await closed;
    await echo;
    listener.close();
    await proxy.shutdown();
  }
});
