/**
 * How each public users route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * @module
 */
import * as v from "valibot";
import { platformProblems } from "../../shared/http/problem.ts";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { id, instant, named } from "../../shared/http/openapi/wire.ts";
import { usersProblems } from "./problems.ts";
import { unitSystems } from "./schema.ts";

const me = named(
  "Me",
  v.object({
    id,
    email: v.string(),
    displayName: v.string(),
    bio: v.string(),
    units: v.picklist(unitSystems),
    timezone: v.pipe(v.string(), v.description("An IANA time zone.")),
    goals: v.array(v.string()),
    role: v.picklist(["member", "admin"]),
    createdAt: instant,
    updatedAt: instant,
  }),
  {
    id: "5b1c…",
    email: "ada@example.com",
    displayName: "Ada",
    bio: "",
    units: "metric",
    timezone: "Europe/London",
    goals: ["strength"],
    role: "member",
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
  },
);

const profileHeaders = ["ETag", "Cache-Control"] as const;

export const usersDocs = {
  getMe: documented({
    summary: "The caller's profile",
    tag: "Profile",
    access: "member",
    scope: "profile:read",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: { description: "The profile", body: me, headers: profileHeaders },
      304: {
        description: "Not modified: your copy (`If-None-Match`) is current.",
        headers: profileHeaders,
      },
    },
    problems: [usersProblems.PROFILE_NOT_FOUND],
  }),
  updateMe: documented({
    summary: "Change the caller's profile",
    description: "Only the fields sent change. With `If-Match` not matching the current ETag: 412.",
    tag: "Profile",
    access: "session",
    requestHeaders: ["If-Match"],
    responses: { 200: { description: "The profile", body: me, headers: profileHeaders } },
    problems: [usersProblems.PROFILE_NOT_FOUND, platformProblems.PRECONDITION_FAILED],
  }),
  deleteMe: documented({
    summary: "Close the caller's account",
    description: "Its tokens stop working; every service erases or anonymises its data.",
    tag: "Profile",
    access: "session",
    responses: { 204: { description: "Closed" } },
    problems: [usersProblems.PROFILE_NOT_FOUND],
  }),
};
