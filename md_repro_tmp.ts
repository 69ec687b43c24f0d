import { openEmbedded } from "./tests/support/platform.ts";
const p = await openEmbedded();
for (let i = 0; i < 30; i++) await p.request("/v1/exercises?limit=2");
for (let i = 0; i < 5; i++) {
  const r = await p.request("/metrics", { headers: { authorization: `Bearer ${p.metricsToken}` } });
  console.log("metrics", r.status, (await r.text()).length);
}
console.log(p.logs.filter((l) => /unavailable|failed/.test(l)).slice(0, 5).join("\n").slice(0, 1500));
await p.close();
