/**
 * The document cannot drift: every REST answer a suite receives through the
 * harness is checked against the OpenAPI document — its status is one the
 * operation documents, its media type one that status documents, its body
 * valid against that schema with objects closed (a member the document does
 * not name fails, as if every object said `additionalProperties: false`),
 * and its contract headers (`ETag`, `Location`, `Link`, rate limits…)
 * documented. A test whose answer breaks the document fails with the reason.
 *
 * Requests are not checked: suites send bad ones on purpose.
 *
 * @module
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenAPIV3_1 } from "openapi-types";

type Document = OpenAPIV3_1.Document;
type Schema = Record<string, unknown>;

// ajv-formats is CommonJS: its default export is the plugin.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Paths under these belong to the public API: an answer there must be documented. */
const publicPrefixes = [
  "/v1",
  "/.well-known",
  "/graphql",
  "/webhooks",
  "/health",
  "/metrics",
  "/docs",
];

/** Headers that are part of the contract: present only where the document says so. */
const contractHeaders = [
  "etag",
  "location",
  "link",
  "retry-after",
  "ratelimit",
  "ratelimit-policy",
  "idempotent-replayed",
];

/** Checks answers against one document. */
export interface Conformance {
  /** Throws an Error saying how `response` (to `method url`) breaks the document. */
  check(method: string, url: string, response: Response): Promise<void>;
}

interface Route {
  template: string;
  pattern: RegExp;
  item: OpenAPIV3_1.PathItemObject;
}

const docId = "https://fitconnect.dev/openapi.json";

/** A checker for `document` (compiled lazily, schema by schema). */
export function createConformance(document: Document): Conformance {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: docId, components: closed(rebased(document.components ?? {})) });
  const validators = new Map<string, ValidateFunction>();
  const routes = routesOf(document);

  function validatorFor(key: string, schema: unknown): ValidateFunction {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(closed(rebased(schema)) as Schema);
      validators.set(key, validate);
    }
    return validate;
  }

  return {
    async check(method, url, response) {
      const path = new URL(url, "http://localhost").pathname;
      const verb = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
      const route = routes.find((candidate) => candidate.pattern.test(path));
      const operation = route?.item[verb as "get"];
      const where = `${method} ${path} → ${response.status}`;
      if (!route || !operation) {
        if (!publicPrefixes.some((p) => path === p || path.startsWith(`${p}/`))) return;
        // No operation: only the platform's refusals (unknown route, method, path form, body size).
        if ([400, 404, 405, 413].includes(response.status)) {
          await checkBody(where, `problem ${response.status}`, response, {
            "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
          });
          return;
        }
        throw new Error(`OpenAPI drift: ${where}: no documented operation answers this`);
      }
      const documented = resolve<OpenAPIV3_1.ResponseObject>(
        document,
        operation.responses?.[String(response.status)] as OpenAPIV3_1.ResponseObject | undefined,
      );
      if (!documented) {
        throw new Error(
          `OpenAPI drift: ${where}: status not documented for ${verb.toUpperCase()} ${route.template}` +
            ` (documented: ${Object.keys(operation.responses ?? {}).join(", ")})` +
            (await excerpt(response)),
        );
      }
      checkHeaders(where, response, documented);
      const key = `${verb} ${route.template} ${response.status}`;
      if (method.toLowerCase() === "head") return;
      await checkBody(where, key, response, documented.content);
    },
  };

  async function checkBody(
    where: string,
    key: string,
    response: Response,
    content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined,
  ) {
    // The gateway gzips large JSON for clients that accept it: the schema is of what was encoded.
    const copy = response.clone();
    const text = response.headers.get("content-encoding") === "gzip" && copy.body
      ? await new Response(copy.body.pipeThrough(new DecompressionStream("gzip"))).text()
      : await copy.text();
    const mediaType = response.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
    if (!content || Object.keys(content).length === 0) {
      if (text.length > 0) {
        throw new Error(`OpenAPI drift: ${where}: a body where none is documented`);
      }
      return;
    }
    if (!mediaType || !(mediaType in content)) {
      throw new Error(
        `OpenAPI drift: ${where}: media type ${mediaType} not documented ` +
          `(documented: ${Object.keys(content).join(", ")})`,
      );
    }
    const isJson = mediaType === "application/json" || mediaType.endsWith("+json");
    const schema = content[mediaType].schema;
    if (!isJson || !schema) return;
    const validate = validatorFor(`${key} ${mediaType}`, schema);
    if (!validate(JSON.parse(text))) {
      const errors = validate.errors?.slice(0, 5).map((e) =>
        `${e.instancePath || "/"} ${e.message}${
          e.params && "additionalProperty" in e.params ? ` (${e.params.additionalProperty})` : ""
        }`
      );
      throw new Error(
        `OpenAPI drift: ${where}: the body breaks the documented schema: ${errors?.join("; ")}` +
          `\n  body: ${text.slice(0, 500)}`,
      );
    }
  }

  function checkHeaders(where: string, response: Response, documented: OpenAPIV3_1.ResponseObject) {
    const headers = new Map(
      Object.entries(documented.headers ?? {}).map(([name, header]) => [
        name.toLowerCase(),
        resolve(document, header) as OpenAPIV3_1.HeaderObject,
      ]),
    );
    for (const name of contractHeaders) {
      if (response.headers.has(name) && !headers.has(name)) {
        throw new Error(`OpenAPI drift: ${where}: header ${name} is not documented on this answer`);
      }
    }
    for (const [name, header] of headers) {
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) {
          throw new Error(`OpenAPI drift: ${where}: required header ${name} missing`);
        }
        continue;
      }
      if (!header.schema) continue;
      const validate = validatorFor(`header ${name}`, header.schema);
      if (!validate(value)) {
        throw new Error(
          `OpenAPI drift: ${where}: header ${name}: ${JSON.stringify(value)} breaks its schema`,
        );
      }
    }
  }
}

/** Routes of the document, literal segments before parameters (`/preferences` before `/{id}`). */
function routesOf(document: Document): Route[] {
  return Object.entries(document.paths ?? {})
    .map(([template, item]) => ({
      template,
      pattern: new RegExp(
        "^" +
          template.split("/").map((segment) =>
            segment.startsWith("{") ? "[^/]+" : segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&")
          ).join("/") + "$",
      ),
      item: item ?? {},
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);
}

/** Follows a local `$ref` (one level, as the document uses them). */
function resolve<T>(
  document: Document,
  value: T | OpenAPIV3_1.ReferenceObject | undefined,
): T | undefined {
  if (!value || typeof value !== "object" || !("$ref" in value)) return value as T | undefined;
  const target = value.$ref.replace(/^#\//, "").split("/").reduce<unknown>(
    (node, key) =>
      (node as Record<string, unknown> | undefined)
        ?.[key.replaceAll("~1", "/").replaceAll("~0", "~")],
    document,
  );
  return target as T | undefined;
}

/** `schema` with its local refs pointing into the document's schema (added to ajv as `docId`). */
function rebased(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${docId}#/`),
  );
}

/**
 * `schema` with every object that lists its properties but says nothing of
 * others closed (`additionalProperties: false`); the members of an `allOf`
 * stay open, since each sees only part of the object.
 */
function closed(schema: unknown, inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => closed(item));
  if (typeof schema !== "object" || schema === null) return schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "allOf" && Array.isArray(value)) {
      result[key] = value.map((item) => closed(item, true));
    } else if (
      key === "example" || key === "examples" || key === "default" || key === "const" ||
      key === "enum"
    ) {
      result[key] = value;
    } else {
      result[key] = closed(value);
    }
  }
  if (!inAllOf && "properties" in result && !("additionalProperties" in result)) {
    result.additionalProperties = false;
  }
  return result;
}

async function excerpt(response: Response): Promise<string> {
  const text = await response.clone().text();
  return text ? `\n  body: ${text.slice(0, 300)}` : "";
}
