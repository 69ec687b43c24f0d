/**
 * Vendors the browser bundles the docs pages serve from the platform itself
 * (never a CDN): Scalar's standalone API reference for `/docs`, and
 * GraphiQL's UMD build with the React it needs for `GET /graphql`. Each file
 * comes out of its npm package (`npm pack`, pinned below) into
 * workers/gateway-rest/vendor/ and workers/gateway-graphql/vendor/, with
 * the versions and SHA-256 of what was copied in `manifest.json`.
 *
 * Usage: deno run -A tools/docs_assets/vendor.ts
 *
 * @module
 */

/** `[package@version, file in the package, vendored name, destination folder]`. */
export const vendored = [
  ["@scalar/api-reference@1.76.0", "dist/browser/standalone.js", "scalar.js", "gateway-rest"],
  ["graphiql@3.8.3", "graphiql.min.js", "graphiql.js", "gateway-graphql"],
  ["graphiql@3.8.3", "graphiql.min.css", "graphiql.css", "gateway-graphql"],
  ["react@18.3.1", "umd/react.production.min.js", "react.js", "gateway-graphql"],
  ["react-dom@18.3.1", "umd/react-dom.production.min.js", "react-dom.js", "gateway-graphql"],
] as const;

async function run(command: string, args: string[], cwd: string): Promise<string> {
  const output = await new Deno.Command(command, { args, cwd, stderr: "inherit" }).output();
  if (!output.success) throw new Error(`Cannot run ${command} ${args.join(" ")}`);
  return new TextDecoder().decode(output.stdout).trim();
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

if (import.meta.main) {
  const root = new URL("../../", import.meta.url).pathname;
  const work = await Deno.makeTempDir();
  const manifests = new Map<string, Record<string, unknown>>();
  try {
    const unpacked = new Map<string, string>();
    for (const [spec, file, name, worker] of vendored) {
      let dir = unpacked.get(spec);
      if (!dir) {
        dir = `${work}/${spec.replaceAll("/", "_")}`;
        await Deno.mkdir(dir);
        const tarball = await run("npm", ["pack", spec, "--silent"], dir);
        await run("tar", ["xzf", tarball], dir);
        unpacked.set(spec, dir);
      }
      const bytes = await Deno.readFile(`${dir}/package/${file}`);
      const target = `${root}workers/${worker}/vendor`;
      await Deno.mkdir(target, { recursive: true });
      await Deno.writeFile(`${target}/${name}`, bytes);
      const manifest = manifests.get(target) ?? {};
      manifest[name] = { from: `${spec}/${file}`, sha256: await sha256(bytes) };
      manifests.set(target, manifest);
    }
    for (const [target, manifest] of manifests) {
      await Deno.writeTextFile(`${target}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
    }
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}
