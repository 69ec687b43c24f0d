/**
 * The public OpenAPI document, `GET /v1/openapi.json`: assembled from each
 * worker's own document (its `/internal/openapi.json`, generated from its
 * routes — shared/http/openapi/) and the gateway's, keeping of each worker
 * only the paths the gateway forwards to it (./routes.ts). Built at the
 * first ask and kept; a worker that cannot answer makes it a 503, not a
 * document with holes.
 *
 * @module
 */
import type { OpenAPIV3_1 } from "openapi-types";
import type { ServiceBinding } from "../../shared/bindings/service_binding.ts";
import { createWorkerClient } from "../../shared/bindings/worker_client.ts";
import { platformProblems, Problem } from "../../shared/http/problem.ts";
import type { WorkerApp } from "../../shared/http/worker_app.ts";
import { apiDescription } from "./openapi_info.ts";
import type { ForwardTarget } from "./routes.ts";

type Document = OpenAPIV3_1.Document;

/** What the document is assembled from. */
export interface DocumentSources {
  /** The gateway's own documents (its routes: health, documents; GraphQL's). */
  own(): Promise<Document[]>;
  /** Signed bindings to the workers whose documents are read. */
  peers: Partial<Record<ForwardTarget, ServiceBinding>>;
  /** `[path pattern, worker]`, first match wins (./routes.ts). */
  routes: readonly (readonly [string, ForwardTarget])[];
}

/** The worker the gateway forwards `path` (an OpenAPI path template) to. */
export function ownerOf(
  path: string,
  routes: DocumentSources["routes"],
): ForwardTarget | undefined {
  const concrete = path.replaceAll(/\{[^}]+\}/g, "x");
  for (const [pattern, worker] of routes) {
    const matches = pattern.endsWith("/*")
      ? concrete.startsWith(pattern.slice(0, -1))
      : concrete === pattern;
    if (matches) return worker;
  }
  return undefined;
}

/** The assembled document, built once (again after a failure). */
export function publicDocument(sources: DocumentSources): (requestId: string) => Promise<Document> {
  let built: Promise<Document> | undefined;
  return (requestId) => {
    built ??= assemble(sources, requestId).catch((error) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

async function assemble(sources: DocumentSources, requestId: string): Promise<Document> {
  const workers = Object.entries(sources.peers) as [ForwardTarget, ServiceBinding][];
  const parts = await Promise.all(workers.map(async ([name, binding]) => {
    const client = createWorkerClient<WorkerApp>(binding, { requestId });
    const response = await client.internal["openapi.json"].$get();
    if (!response.ok) {
      await response.body?.cancel();
      throw new Problem(
        platformProblems.SERVICE_UNAVAILABLE,
        `The ${name} worker could not describe its routes; try again.`,
        { headers: { "retry-after": "5" } },
      );
    }
    return { name, document: await response.json() as Document };
  }));
  const document: Document = {
    openapi: "3.1.0",
    info: {
      title: "FitConnect API",
      version: "1.0.0",
      description: apiDescription,
      license: { name: "Proprietary", url: "https://fitconnect.dev/terms" },
    },
    // Relative: the document describes the origin that serves it.
    servers: [{ url: "/", description: "This origin" }],
    paths: {},
    components: {},
  };
  for (const own of await sources.own()) merge(document, own, undefined);
  for (const { name, document: part } of parts) {
    merge(document, part, (path) => ownerOf(path, sources.routes) === name);
  }
  document.paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).sort(([a], [b]) => a.localeCompare(b)),
  );
  document.tags = tagsOf(document);
  dropUnusedParameters(document);
  return document;
}

/** Adds `part`'s paths (those `keep` accepts) and components to `into`. */
function merge(into: Document, part: Document, keep: ((path: string) => boolean) | undefined) {
  for (const [path, item] of Object.entries(part.paths ?? {})) {
    if (keep && !keep(path)) continue;
    into.paths![path] = { ...into.paths![path], ...item };
  }
  const components = into.components!;
  for (const [section, entries] of Object.entries(part.components ?? {})) {
    const target = ((components as Record<string, Record<string, unknown>>)[section] ??= {});
    for (const [name, value] of Object.entries(entries as Record<string, unknown>)) {
      if (name in target && JSON.stringify(target[name]) !== JSON.stringify(value)) {
        throw new Error(
          `Cannot merge the OpenAPI documents: two different components.${section}.${name}`,
        );
      }
      target[name] = value;
    }
  }
}

/** Parameter components no operation refers to (each worker's document carries them all). */
function dropUnusedParameters(document: Document): void {
  const parameters = document.components?.parameters ?? {};
  const used = JSON.stringify(document.paths);
  for (const name of Object.keys(parameters)) {
    if (!used.includes(`"#/components/parameters/${name}"`)) delete parameters[name];
  }
}

/** Every tag the operations use, in the order first met. */
function tagsOf(document: Document): OpenAPIV3_1.TagObject[] {
  const names = new Set<string>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      for (const tag of (operation as OpenAPIV3_1.OperationObject).tags ?? []) names.add(tag);
    }
  }
  return [...names].map((name) => ({ name, description: `${name} operations.` }));
}
