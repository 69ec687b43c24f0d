/**
 * The metrics worker's reports route through the real HTTP surface of an
 * embedded platform: internal only, a bad report refused whole with 422, a
 * report added once however often it is posted; and the "report now" route
 * every worker answers for the metrics worker.
 */
import assert from "node:assert/strict";
import { internalSecretHeader } from "../shared/bindings/service_binding.ts";
import { expectProblem } from "../shared/testing/assertions.ts";
import { openEmbedded } from "./support/platform.ts";

Deno.test(
  {
    name: "[metrics] POST /internal/metrics/reports",
    sanitizeResources: false,
    sanitizeOps: false,
  },
  async (t) => {
    const platform = await openEmbedded();
    const post = (path: string, body: unknown, secret: string | null = platform.internalSecret) =>
      Promise.resolve(platform.workers.metrics.fetch(
        new Request(`http://metrics.internal${path}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(secret === null ? {} : { [internalSecretHeader]: secret }),
          },
          body: JSON.stringify(body),
        }),
      ));
    const report = (id: string, value: number) => ({
      id,
      instance: "probe-1",
      families: [{
        name: "probe_events_total",
        help: "Events of the probe.",
        type: "counter",
        samples: [{ name: "probe_events_total", labels: { worker: "probe" }, value }],
      }],
    });
    const total = async () =>
      /^probe_events_total\{worker="probe"\} (\S+)$/m.exec(await platform.scrapeMetrics())?.[1];
    try {
      await t.step("without the internal secret it does not exist", async () => {
        await expectProblem(
          await post("/internal/metrics/reports", report("r-0", 1), null),
          404,
          "NOT_FOUND",
        );
        await expectProblem(
          await post("/internal/metrics/reports", report("r-0", 1), "guess".repeat(8)),
          404,
          "NOT_FOUND",
        );
        assert.equal(await total(), undefined);
      });

      await t.step("a report is added once, however often it is posted", async () => {
        for (let i = 0; i < 3; i++) {
          const response = await post("/internal/metrics/reports", report("r-1", 5));
          assert.equal(response.status, 200);
          assert.deepEqual(await response.json(), { added: i === 0 });
        }
        assert.equal(await total(), "5");
        assert.equal((await post("/internal/metrics/reports", report("r-2", 2))).status, 200);
        assert.equal(await total(), "7");
      });

      await t.step("a bad report is refused whole with 422 and changes nothing", async () => {
        const bad = [
          { ...report("r-3", -1) }, // a counter does not go down
          { ...report("r-3", 1), id: "../../etc" },
          {
            ...report("r-3", 1),
            families: [{ ...report("r-3", 1).families[0], name: "bad name" }],
          },
          {
            ...report("r-3", 1),
            families: [{
              ...report("r-3", 1).families[0],
              samples: [{ name: "other_total", labels: {}, value: 1 }],
            }],
          },
          { id: "r-3", instance: "probe-1" },
        ];
        for (const body of bad) {
          await expectProblem(
            await post("/internal/metrics/reports", body),
            422,
            "VALIDATION_FAILED",
          );
        }
        assert.equal(await total(), "7");
      });

      await t.step(
        "every worker answers the metrics worker's 'report now', and no one else",
        async () => {
          const ask = (secret: string | null) =>
            Promise.resolve(platform.workers.workouts.fetch(
              new Request("http://workouts.internal/internal/metrics/report", {
                method: "POST",
                headers: secret === null ? {} : { [internalSecretHeader]: secret },
              }),
            ));
          const answered = await ask(platform.internalSecret);
          assert.equal(answered.status, 204);
          await expectProblem(await ask(null), 404, "NOT_FOUND");
          await expectProblem(
            await platform.request("/internal/metrics/report", { method: "POST" }),
            404,
            "NOT_FOUND",
          );
        },
      );
    } finally {
      await platform.close();
    }
  },
);
