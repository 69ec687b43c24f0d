import assert from "node:assert/strict";
import { cpuUsage } from "node:process";
import { footprintTargets, processCpuMs, processMemoryMb, renderFootprint } from "./footprint.ts";

Deno.test({
  name: "[bench] processMemoryMb reads a process's resident memory from /proc",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const memory = await processMemoryMb(Deno.pid, ["VmRSS", "VmHWM"]);
    const rss = memory?.get("VmRSS") ?? 0;
    // Deno's own RSS, from the operating system's side, in MB (not kB, not bytes): at least half
    // of what Deno says, at most the machine's memory (`--parallel` test runs share one process).
    const machineMb = Deno.systemMemoryInfo().total / 2 ** 20;
    assert.ok(rss > Deno.memoryUsage().rss / 2 ** 20 / 2 && rss < machineMb, `VmRSS ${rss}`);
    assert.ok((memory?.get("VmHWM") ?? 0) >= rss);
    assert.equal(await processMemoryMb(2 ** 31 - 1, ["VmRSS"]), null, "no such process");
    // The same CPU time as the runtime reports for the whole process, in ms (a `--parallel`
    // run shares one process with every other test file: compare with the process, not a clock).
    const before = cpuUsage();
    const cpuMs = processCpuMs(Deno.pid) ?? 0;
    const after = cpuUsage();
    const runtimeMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
    // /proc counts in 10 ms ticks, and other threads run on between the reads.
    assert.ok(
      cpuMs >= runtimeMs(before) - 20 && cpuMs <= runtimeMs(after) + 20,
      `cpu ${cpuMs} ms, runtime ${runtimeMs(before)}–${runtimeMs(after)} ms`,
    );
    assert.equal(processCpuMs(2 ** 31 - 1), null);
  },
});

Deno.test("[bench] renderFootprint judges memory and the first fresh start", () => {
  const markdown = renderFootprint({
    residentMb: 455.2,
    settledResidentMb: 420.4,
    peakResidentMb: 512,
    startSec: [3.24, 6.5],
    startCpuSec: [2.06, null],
    targets: footprintTargets,
  });
  assert.match(markdown, /after the load, quiet 25 s \(VmRSS\) \| 420 MB \| ≤ 400 MB \| miss \|/);
  assert.match(markdown, /as the load ended \| 455 MB \| — \| — \|/);
  assert.match(markdown, /\(VmHWM\) \| 512 MB \|/);
  assert.match(markdown, /healthy `\/health` \| 3\.2 s \(2\.1 s CPU\) \| ≤ 5 s \| pass \|/);
  assert.match(markdown, /another fresh start \(the cold platform\) \| 6\.5 s \| — \| — \|/);
  const unread = renderFootprint({
    residentMb: null,
    settledResidentMb: null,
    peakResidentMb: null,
    startSec: [],
    startCpuSec: [],
    targets: footprintTargets,
  });
  assert.match(unread, /not read \(no \/proc\) \| ≤ 400 MB \| — \|/);
});
