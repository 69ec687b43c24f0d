// temp: per-call cost of the platform's app.fetch without the HTTP server
import { startEmbedded } from "../../workers/embedded.ts";
import { createBareApp } from "../bench/bare_server.ts";
const data = await Deno.makeTempDir();
const { platform, shutdown } = await startEmbedded({
  PORT: "18077", LOG_LEVEL: "warn", FITCONNECT_DATA_DIR: data,
  FITCONNECT_AUTH_IP_LIMIT: "1000000000", FITCONNECT_RATE_LIMIT_IP: "1000000000", FITCONNECT_RATE_LIMIT_USER: "1000000000",
  FITCONNECT_WEB_DIR: "/work/main/clients/web/dist",
});
const base = "http://localhost:18077";
const reg = await fetch(`${base}/v1/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: `p${Date.now()}@example.com`, password: "correct horse battery", displayName: "P" }) });
const { accessToken } = await reg.json();
const info = { remoteAddr: { hostname: "127.0.0.1", port: 5555, transport: "tcp" } };
const bare = createBareApp();
const headers = { host: "localhost:18077", "user-agent": "wrk", accept: "*/*", authorization: `Bearer ${accessToken}` };
async function measure(name: string, call: () => Promise<Response> | Response, n = 20000) {
  const conc = 50;
  const run = async (count: number) => {
    let left = count;
    await Promise.all(Array.from({ length: conc }, async () => {
      while (left-- > 0) { const r = await call(); await r.arrayBuffer(); }
    }));
  };
  await run(5000);
  const t = performance.now();
  await run(n);
  console.log(name.padEnd(28), ((performance.now() - t) * 1000 / n).toFixed(1), "us/call");
}
const paths = (Deno.env.get("PATHS") ?? "/v1/auth/_bench,/.well-known/jwks.json,/v1/me").split(",");
const rounds = Number(Deno.env.get("ROUNDS") ?? 2);
for (let i = 0; i < rounds; i++) {
  await measure("bare /", () => bare.fetch(new Request("http://localhost:18077/", { headers })));
  await measure("bare /hop", () => bare.fetch(new Request("http://localhost:18077/hop", { headers })));
  for (const p of paths) await measure(p, () => platform.app.fetch(new Request(base + p, { headers }), info));
  await measure("auth worker direct miss", () => platform.workers.auth.fetch(new Request(base + "/v1/auth/_bench", { headers })));
  await measure("auth worker direct jwks", () => platform.workers.auth.fetch(new Request(base + "/.well-known/jwks.json", { headers })));
}
await shutdown();
Deno.exit(0);
