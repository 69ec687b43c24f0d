/**
 * The architecture check, run by `deno task ok` and CI before the tests:
 *
 * - **Boundaries.** Code outside `workers/<w>/` may import only that worker's
 *   `mod.ts`, `main.ts`, `client.ts`, `contracts.ts` and `testing.ts`;
 *   `shared/` imports neither `workers/` nor `tests/`; nothing outside
 *   `tests/` imports `tests/`.
 * - **No import cycles** among product files (test code is left out).
 *   Type-only imports count, but one: a worker's `client.ts` naming its own
 *   app's type (`import type { AuthApp } from "./mod.ts"`). That is how hc
 *   clients are typed, it is erased at run time, and it is what lets two
 *   workers call each other (auth ↔ users) without a module cycle.
 * - **Small files:** no product file over 350 lines (tests and generated
 *   files are exempt).
 *
 * `deno run -A tools/check_architecture.ts [root]` prints each problem on its
 * own line and exits 1 when there is any.
 *
 * @module
 */
import {
  GraphUnreadable,
  readSourceFiles,
  type SourceFile,
  sourcePaths,
} from "./check_architecture_imports.ts";

/**
 * The folders of the platform's Deno project; `clients/web` and
 * `clients/shared` are workspace members (the mobile app is a Node project of
 * its own and is not read).
 */
export const sourceDirs = [
  "workers",
  "shared",
  "tools",
  "tests",
  "db",
  "clients/web",
  "clients/shared",
] as const;

/** The files of a worker that code outside it may import. */
export const publicFiles = ["mod.ts", "main.ts", "client.ts", "contracts.ts", "testing.ts"];

export const maxProductLines = 350;

/** One broken rule. */
export interface Violation {
  rule: "boundary" | "cycle" | "length";
  message: string;
}

/** Test code: the suites, their helpers, and each worker's test surface. */
export function isTest(path: string): boolean {
  return path.startsWith("tests/") || path.startsWith("shared/testing/") ||
    /_test\.tsx?$/.test(path) || /(^|\/)testing\.ts$/.test(path);
}

/** Written by a tool (migrations, `*.generated.ts`): not held to the length limit. */
export function isGenerated(path: string): boolean {
  return path.startsWith("db/migrations/") || /\.generated\.tsx?$/.test(path);
}

/** The worker folder `path` belongs to (`workers/auth/x.ts` → `auth`), if any. */
function workerOf(path: string): string | undefined {
  return /^workers\/([^/]+)\//.exec(path)?.[1];
}

/** Imports that cross a boundary they may not. */
export function boundaryViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  const broken = (file: SourceFile, target: string, why: string) =>
    violations.push({ rule: "boundary", message: `${file.path} imports ${target}: ${why}` });
  for (const file of files) {
    for (const { target } of file.imports) {
      const worker = workerOf(target);
      if (worker && workerOf(file.path) !== worker) {
        const inside = target.slice(`workers/${worker}/`.length);
        if (!publicFiles.includes(inside)) {
          broken(
            file,
            target,
            `outside workers/${worker}/ only ${publicFiles.join(", ")} may be imported`,
          );
        }
      }
      if (file.path.startsWith("shared/") && /^(workers|tests)\//.test(target)) {
        broken(file, target, "shared/ never imports workers/ or tests/");
      } else if (!file.path.startsWith("tests/") && target.startsWith("tests/")) {
        broken(file, target, "only tests/ may import tests/");
      }
    }
  }
  return violations;
}

/** Whether an import is an edge of the cycle graph (see the module doc). */
function countsForCycles(from: string, to: SourceFile["imports"][number]): boolean {
  if (!to.typeOnly) return true;
  const worker = workerOf(from);
  return !(worker && from === `workers/${worker}/client.ts` &&
    to.target === `workers/${worker}/mod.ts`);
}

/** Each set of product files that import each other, as one cycle through it. */
export function importCycles(files: readonly SourceFile[]): Violation[] {
  const product = new Set(files.filter((file) => !isTest(file.path)).map((file) => file.path));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    if (!product.has(file.path)) continue;
    const targets = file.imports
      .filter((to) => product.has(to.target) && countsForCycles(file.path, to))
      .map((to) => to.target);
    edges.set(file.path, [...new Set(targets)].sort());
  }
  return stronglyConnected(edges)
    .filter((group) => group.length > 1 || edges.get(group[0])?.includes(group[0]))
    .map((group) => ({
      rule: "cycle" as const,
      message: `import cycle: ${cycleThrough(group, edges).join(" → ")}`,
    }));
}

/** Product files longer than the limit. */
export function longFiles(files: readonly SourceFile[]): Violation[] {
  return files
    .filter((file) => !isTest(file.path) && !isGenerated(file.path))
    .filter((file) => file.lines > maxProductLines)
    .map((file) => ({
      rule: "length" as const,
      message:
        `${file.path} has ${file.lines} lines (a product file has at most ${maxProductLines})`,
    }));
}

/** Every rule over `files`. */
export function checkArchitecture(files: readonly SourceFile[]): Violation[] {
  return [...boundaryViolations(files), ...importCycles(files), ...longFiles(files)];
}

/** Every rule over the tree at `root`. */
export async function checkTree(root: string): Promise<Violation[]> {
  return checkArchitecture(await readSourceFiles(root, await sourcePaths(root, sourceDirs)));
}

/** Tarjan's strongly connected components, each sorted, in a stable order. */
function stronglyConnected(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest cycle from the group's first file back to it, staying inside the group. */
function cycleThrough(group: string[], edges: Map<string, string[]>): string[] {
  const members = new Set(group);
  const start = group[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of edges.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path: string[] = [];
        for (let at = node; at !== start; at = previous.get(at)!) path.unshift(at);
        return [start, ...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return group;
}

if (import.meta.main) {
  const root = Deno.args[0] ?? Deno.cwd();
  const violations = await checkTree(root).catch((error) => {
    if (!(error instanceof GraphUnreadable)) throw error;
    console.error(`architecture check: cannot read the import graph: ${error.message}`);
    Deno.exit(1);
  });
  for (const violation of violations) console.error(`${violation.rule}: ${violation.message}`);
  if (violations.length > 0) {
    console.error(`architecture check: ${violations.length} problem(s)`);
    Deno.exit(1);
  }
  console.log("architecture check: boundaries kept, no import cycles, no long product files");
}
