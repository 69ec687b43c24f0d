/**
 * `deno task grafana:build`: writes every dashboard's JSON into
 * grafana/dashboards/ (committed, provisioned into Grafana by
 * grafana/provisioning/dashboards/fitconnect.yaml). With `--check`, writes
 * nothing and fails when a committed file differs from what the code builds.
 *
 * @module
 */
import { dashboardJson, dashboards } from "./mod.ts";

const outDir = new URL("../dashboards/", import.meta.url);

/** The files whose committed JSON differs from the code's (missing ones included). */
export async function staleDashboards(): Promise<string[]> {
  const stale = [];
  for (const [file, dashboard] of Object.entries(dashboards())) {
    const committed = await Deno.readTextFile(new URL(file, outDir)).catch(() => "");
    if (committed !== dashboardJson(dashboard)) stale.push(file);
  }
  return stale;
}

if (import.meta.main) {
  if (Deno.args.includes("--check")) {
    const stale = await staleDashboards();
    if (stale.length > 0) {
      console.error(`Stale dashboards: ${stale.join(", ")}. Run: deno task grafana:build`);
      Deno.exit(1);
    }
  } else {
    await Deno.mkdir(outDir, { recursive: true });
    for (const [file, dashboard] of Object.entries(dashboards())) {
      await Deno.writeTextFile(new URL(file, outDir), dashboardJson(dashboard));
      console.log(`grafana/dashboards/${file}`);
    }
  }
}
