import assert from "node:assert/strict";
import { extractTar } from "./tar.ts";

/** The system's tar of `names` in `dir` (`-P`: names kept as given, `../` included). */
async function tarOf(dir: string, ...names: string[]): Promise<Uint8Array> {
  const output = await new Deno.Command("tar", {
    args: ["--format=ustar", "-P", "-cf", "-", "-C", dir, ...names],
    stdout: "piped",
  }).output();
  assert.ok(output.success, "tar ran");
  return output.stdout;
}

Deno.test("[postgres] extractTar writes back what tar archived: folders, files, modes", async () => {
  const root = await Deno.makeTempDir({ prefix: "fitconnect_tar_" });
  try {
    await Deno.mkdir(`${root}/source/base/1`, { recursive: true, mode: 0o750 });
    await Deno.writeTextFile(`${root}/source/PG_VERSION`, "18\n", { mode: 0o600 });
    const page = new Uint8Array(8192 + 3).map((_, i) => i % 251);
    await Deno.writeFile(`${root}/source/base/1/1255`, page, { mode: 0o640 });
    await Deno.writeFile(`${root}/source/base/1/empty`, new Uint8Array());

    extractTar(await tarOf(`${root}/source`, "PG_VERSION", "base"), `${root}/copy/data`);

    assert.equal(await Deno.readTextFile(`${root}/copy/data/PG_VERSION`), "18\n");
    assert.deepEqual(await Deno.readFile(`${root}/copy/data/base/1/1255`), page);
    assert.equal((await Deno.readFile(`${root}/copy/data/base/1/empty`)).length, 0);
    assert.equal((await Deno.stat(`${root}/copy/data/PG_VERSION`)).mode! & 0o777, 0o600);
    assert.equal((await Deno.stat(`${root}/copy/data/base/1/1255`)).mode! & 0o777, 0o640);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("[postgres] extractTar refuses an entry that leaves the folder", async () => {
  const root = await Deno.makeTempDir({ prefix: "fitconnect_tar_" });
  try {
    await Deno.mkdir(`${root}/a/b`, { recursive: true });
    await Deno.writeTextFile(`${root}/a/escaped`, "x");
    const archive = await tarOf(`${root}/a/b`, "../escaped");
    assert.throws(() => extractTar(archive, `${root}/out`), /leaves the folder/);
    await assert.rejects(Deno.stat(`${root}/escaped`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
