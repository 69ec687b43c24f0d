/**
 * The import graph of a source tree, as Deno itself parses and resolves it:
 * one `deno info --json` over a root that imports every file, so static
 * imports, `export … from`, `import type` and dynamic `import("…")` with a
 * string literal are all seen, with relative paths and the import map
 * resolved exactly as `deno check` resolves them.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** One import of a file in the tree. */
export interface SourceImport {
  /** The imported file, relative to the tree's root (`workers/auth/mod.ts`). */
  target: string;
  /** `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
}

/** A source file of the tree. */
export interface SourceFile {
  /** Relative to the tree's root, with `/` separators. */
  path: string;
  lines: number;
  /** Imports of other files of the tree (packages and URLs are left out). */
  imports: SourceImport[];
}

/** Folders never scanned: dependencies, build output and local data. */
const skipped = new Set(["node_modules", ".git", ".data", "dist", "coverage"]);

/** Every `.ts`/`.tsx` file under `dirs` of `root`, relative to `root`. */
export async function sourcePaths(root: string, dirs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries: Deno.DirEntry[] = [];
    try {
      for await (const entry of Deno.readDir(join(root, dir))) entries.push(entry);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory && !skipped.has(entry.name)) await walk(path);
      else if (entry.isFile && /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        found.push(path);
      }
    }
  }
  for (const dir of dirs) await walk(dir);
  return found;
}

interface InfoDependency {
  code?: { specifier?: string };
  type?: { specifier?: string };
}

interface InfoModule {
  specifier: string;
  error?: string;
  dependencies?: InfoDependency[];
}

/** Thrown when Deno cannot read the graph (a file that does not parse, a missing file). */
export class GraphUnreadable extends Error {
  override name = "GraphUnreadable";
}

/** The files at `paths` with their imports, parsed and resolved by `deno info`. */
export async function readSourceFiles(
  root: string,
  paths: readonly string[],
): Promise<SourceFile[]> {
  const rootUrl = `${pathToFileURL(resolve(root)).href}/`;
  const scratch = await Deno.makeTempDir({ prefix: "architecture-" });
  try {
    const entry = join(scratch, "all.ts");
    await Deno.writeTextFile(
      entry,
      paths.map((path) => `import ${JSON.stringify(new URL(path, rootUrl).href)};\n`).join(""),
    );
    const config = join(root, "deno.json");
    const hasConfig = await Deno.stat(config).then(() => true, () => false);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", ...(hasConfig ? ["--config", config] : ["--no-config"]), entry],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    if (!output.success) {
      throw new GraphUnreadable(new TextDecoder().decode(output.stderr).trim());
    }
    const modules: InfoModule[] = JSON.parse(new TextDecoder().decode(output.stdout)).modules;
    const bySpecifier = new Map(modules.map((module) => [module.specifier, module]));
    const wanted = new Set(paths);
    const local = (specifier: string | undefined) => {
      if (!specifier?.startsWith(rootUrl)) return undefined;
      const path = decodeURIComponent(specifier.slice(rootUrl.length));
      return wanted.has(path) ? path : undefined;
    };
    return await Promise.all(paths.map(async (path) => {
      const module = bySpecifier.get(new URL(path, rootUrl).href);
      if (!module || module.error) {
        throw new GraphUnreadable(`${path}: ${module?.error ?? "not in the module graph"}`);
      }
      const imports: SourceImport[] = [];
      for (const dependency of module.dependencies ?? []) {
        const code = local(dependency.code?.specifier);
        const target = code ?? local(dependency.type?.specifier);
        if (target) imports.push({ target, typeOnly: code === undefined });
      }
      const text = await Deno.readTextFile(join(root, path));
      return { path, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0), imports };
    }));
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
}
