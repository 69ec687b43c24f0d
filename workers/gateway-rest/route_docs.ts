/**
 * How the gateway's own routes are described in the OpenAPI document
 * (docs/openapi.md), and the GraphQL routes it passes on, which the GraphQL
 * gateway serves but which belong in the one document of the origin.
 *
 * @module
 */
import { Hono } from "hono";
import * as v from "valibot";
import { platformProblems } from "../../shared/http/problem.ts";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { named, openObject } from "../../shared/http/openapi/wire.ts";

const healthStatus = v.picklist(["ok", "down"]);

export const healthResponse = named(
  "PlatformHealth",
  v.object({ status: healthStatus, workers: v.record(v.string(), healthStatus) }),
  { status: "ok", workers: { auth: "ok", users: "ok", workouts: "ok" } },
);

const openApiDocument = named(
  "OpenApiDocument",
  v.pipe(
    openObject({ openapi: v.string(), info: openObject({}), paths: openObject({}) }),
    v.description("This document."),
  ),
);

const html = { mediaType: "text/html", schema: { type: "string" } } as const;

export const gatewayDocs = {
  health: documented({
    summary: "Health of the platform",
    description: "Each worker's own check, which round-trips to its stores.",
    tag: "Operations",
    access: "public",
    responses: {
      200: { description: "Every worker is up", body: healthResponse },
      503: { description: "A worker or its store is down (marked `down`)", body: healthResponse },
    },
  }),
  openApi: documented({
    summary: "This OpenAPI 3.1 document",
    tag: "Documents",
    access: "public",
    responses: {
      200: { description: "The document", body: openApiDocument, headers: ["Cache-Control"] },
    },
  }),
  docsPage: documented({
    summary: "Interactive API reference (HTML)",
    tag: "Documents",
    access: "public",
    responses: { 200: { description: "The page", raw: html, headers: ["Cache-Control"] } },
  }),
  docsBundle: documented({
    summary: "The docs page's script (Scalar's standalone bundle, served from here)",
    tag: "Documents",
    access: "public",
    responses: {
      200: {
        description: "The script",
        raw: { mediaType: "text/javascript", schema: { type: "string" } },
        headers: ["Cache-Control"],
      },
    },
  }),
};

const graphqlResult = named(
  "GraphqlResult",
  v.object({
    data: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
    errors: v.optional(v.array(openObject({ message: v.string() }))),
  }),
);
/** GraphQL's own refusals: a GraphQL response (`errors[].extensions.code`), not problem+json. */
const graphqlRefusals = {
  400: {
    description: "A malformed request or a refused document (BAD_REQUEST, GRAPHQL_PARSE_FAILED, " +
      "GRAPHQL_VALIDATION_FAILED, QUERY_TOO_COSTLY, PERSISTED_QUERY_HASH_MISMATCH, …); " +
      "a body that is not JSON is a problem, as in REST (MALFORMED_JSON)",
    body: graphqlResult,
    raw: {
      mediaType: "application/problem+json",
      schema: { type: "object", additionalProperties: true },
    },
  },
  404: { description: "PersistedQueryNotFound: send the query with its hash", body: graphqlResult },
  405: { description: "A mutation over GET", body: graphqlResult },
  429: {
    description: "RATE_LIMITED: too many requests from this address",
    body: graphqlResult,
    headers: ["Retry-After"],
  },
} as const;

const graphqlRequest = v.object({
  query: v.optional(v.string()),
  extensions: v.optional(v.record(v.string(), v.unknown())),
  variables: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
  operationName: v.optional(v.nullable(v.string())),
});

/** The GraphQL routes, described here for the document (the GraphQL gateway serves them). */
export const graphqlDescription = new Hono()
  .post(
    "/graphql",
    documented({
      summary: "A GraphQL query or mutation",
      description: "The first-party apps' API: the same workers and error codes as REST. " +
        "Queries are limited in depth and cost.",
      tag: "GraphQL",
      access: "optional",
      requestBody: graphqlRequest,
      responses: {
        200: { description: "The result (errors carry `extensions.code`)", body: graphqlResult },
        ...graphqlRefusals,
      },
    }),
    // Described only: the GraphQL gateway answers it.
    (c) => c.body(null),
  )
  .get(
    "/graphql",
    documented({
      summary: "GraphiQL (with `Accept: text/html`) or a GraphQL query by `?query=`",
      description: "GraphiQL is served from this origin where introspection is on.",
      tag: "GraphQL",
      access: "optional",
      responses: {
        200: { description: "GraphiQL, or the query's result", body: graphqlResult, raw: html },
        ...graphqlRefusals,
      },
    }),
    (c) => c.body(null),
  )
  .get(
    "/graphql/schema.graphql",
    documented({
      summary: "The GraphQL schema (SDL), where introspection is on",
      tag: "GraphQL",
      access: "public",
      responses: {
        200: {
          description: "The schema",
          raw: { mediaType: "text/plain", schema: { type: "string" } },
          headers: ["Cache-Control"],
        },
      },
      problems: [platformProblems.NOT_FOUND],
    }),
    (c) => c.body(null),
  )
  .get(
    "/graphql/assets/:name",
    documented({
      summary: "GraphiQL's scripts and styles, served from here",
      tag: "GraphQL",
      access: "public",
      responses: {
        200: {
          description: "The file",
          raw: { mediaType: "text/javascript", schema: { type: "string" } },
          headers: ["Cache-Control"],
        },
      },
      problems: [platformProblems.NOT_FOUND],
    }),
    (c) => c.body(null),
  );
