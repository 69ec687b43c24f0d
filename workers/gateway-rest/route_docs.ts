/**
 * How the gateway's own routes are described in the OpenAPI document
 * (docs/openapi.md), and the GraphQL routes it passes on, which the GraphQL
 * gateway serves but which belong in the one document of the origin.
 *
 * @module
 */
import { Hono } from "hono";
import * as v from "valibot";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { named } from "../../shared/http/openapi/wire.ts";

const healthStatus = v.picklist(["ok", "down"]);

export const healthResponse = named(
  "PlatformHealth",
  v.object({ status: healthStatus, workers: v.record(v.string(), healthStatus) }),
  { status: "ok", workers: { auth: "ok", users: "ok", workouts: "ok" } },
);

const openApiDocument = named(
  "OpenApiDocument",
  v.pipe(
    v.looseObject({ openapi: v.string(), info: v.looseObject({}), paths: v.looseObject({}) }),
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
    responses: { 200: { description: "The document", body: openApiDocument } },
  }),
  docsPage: documented({
    summary: "Interactive API reference (HTML)",
    tag: "Documents",
    access: "public",
    responses: { 200: { description: "The page", raw: html } },
  }),
};

const graphqlResult = named(
  "GraphqlResult",
  v.object({
    data: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
    errors: v.optional(v.array(v.looseObject({ message: v.string() }))),
  }),
);
const graphqlRequest = v.object({
  query: v.string(),
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
      },
    }),
    (c) => c.body(null),
  )
  .get(
    "/graphql/schema.graphql",
    documented({
      summary: "The GraphQL schema (SDL)",
      tag: "GraphQL",
      access: "public",
      responses: {
        200: {
          description: "The schema",
          raw: { mediaType: "text/plain", schema: { type: "string" } },
        },
      },
    }),
    (c) => c.body(null),
  );
