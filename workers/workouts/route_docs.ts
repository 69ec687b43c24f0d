/**
 * How each workouts route is described in the OpenAPI document
 * (docs/openapi.md): ./routes.ts puts these first in each route's chain.
 *
 * @module
 */
import { platformProblems } from "../../shared/http/problem.ts";
import { documented } from "../../shared/http/openapi/route_doc.ts";
import { workoutsProblems } from "./problems.ts";
import {
  exercisePage,
  exerciseResponse,
  planPage,
  planResponse,
  sessionPage,
  sessionResponse,
} from "./responses.ts";

const notModified = { description: "Not modified: your copy (`If-None-Match`) is current." };
const catalogHeaders = ["ETag", "Cache-Control"] as const;

export const workoutsDocs = {
  listExercises: documented({
    summary: "Search the exercise catalog",
    description: "`q` finds exercises whose name has, for each word of `q`, a word starting " +
      "with it; `muscle` matches primary muscles; filters combine with AND.",
    tag: "Exercises",
    access: "public",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: {
        description: "A page of exercises",
        body: exercisePage,
        headers: [...catalogHeaders, "Link"],
      },
      304: { ...notModified, headers: catalogHeaders },
    },
  }),
  getExercise: documented({
    summary: "One exercise",
    tag: "Exercises",
    access: "public",
    requestHeaders: ["If-None-Match"],
    responses: {
      200: { description: "The exercise", body: exerciseResponse, headers: catalogHeaders },
      304: { ...notModified, headers: catalogHeaders },
    },
    problems: [workoutsProblems.EXERCISE_NOT_FOUND],
  }),
  listPlans: documented({
    summary: "Workout plans: public templates, then the caller's own",
    tag: "Workouts",
    access: "optional",
    scope: "workouts:read",
    responses: {
      200: { description: "A page of plans", body: planPage, headers: ["Link"] },
    },
  }),
  getPlan: documented({
    summary: "One plan (a public template or the caller's own)",
    tag: "Workouts",
    access: "optional",
    scope: "workouts:read",
    responses: { 200: { description: "The plan", body: planResponse } },
    problems: [workoutsProblems.WORKOUT_NOT_FOUND],
  }),
  createPlan: documented({
    summary: "Create a plan of the caller's",
    description: "An unknown `exerciseId` is a 422 on its pointer.",
    tag: "Workouts",
    access: "member",
    scope: "workouts:write",
    responses: {
      201: { description: "The plan", body: planResponse, headers: ["Location"] },
    },
  }),
  updatePlan: documented({
    summary: "Change a plan of the caller's",
    description: "Only the fields sent change; `exercises` replaces the whole list. Templates " +
      "are read-only (403).",
    tag: "Workouts",
    access: "member",
    scope: "workouts:write",
    responses: { 200: { description: "The plan", body: planResponse } },
    problems: [workoutsProblems.WORKOUT_NOT_FOUND, platformProblems.FORBIDDEN],
  }),
  deletePlan: documented({
    summary: "Delete a plan of the caller's",
    tag: "Workouts",
    access: "member",
    scope: "workouts:write",
    responses: { 204: { description: "Deleted" } },
    problems: [workoutsProblems.WORKOUT_NOT_FOUND, platformProblems.FORBIDDEN],
  }),
  logSession: documented({
    summary: "Log a session",
    description: "Idempotent by `clientId`: sending the same `clientId` again (an offline " +
      "retry) answers the original session with 200 and creates nothing.",
    tag: "Sessions",
    access: "member",
    scope: "sessions:write",
    responses: {
      201: { description: "Logged", body: sessionResponse, headers: ["Location"] },
      200: {
        description: "Already logged with this `clientId`",
        body: sessionResponse,
        headers: ["Location"],
      },
    },
    problems: [workoutsProblems.WORKOUT_NOT_FOUND],
  }),
  listSessions: documented({
    summary: "The caller's sessions, newest first",
    description: "`from` ≤ `startedAt` < `to`, both optional.",
    tag: "Sessions",
    access: "member",
    scope: "sessions:read",
    responses: {
      200: { description: "A page of sessions", body: sessionPage, headers: ["Link"] },
    },
  }),
  getSession: documented({
    summary: "One of the caller's sessions",
    tag: "Sessions",
    access: "member",
    scope: "sessions:read",
    responses: { 200: { description: "The session", body: sessionResponse } },
    problems: [workoutsProblems.SESSION_NOT_FOUND],
  }),
};
