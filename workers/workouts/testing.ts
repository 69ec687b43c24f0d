/**
 * What suites need to test with the workouts worker (tests/workouts_*): its
 * response bodies, the seeded catalogue and the search it is checked
 * against, the catalogue cache's lifetime, and the tables suites seed or
 * inspect directly; also what the bench's bare session writer
 * (tools/bench/sessions_reference_server.ts) writes the same rows with.
 *
 * @module
 */
export type { ExerciseBody, PlanBody, SessionBody } from "./schema.ts";
export type { Page } from "../../shared/http/paging.ts";
/** The words a search matches, to compute expected results from the seed. */
export { searchWords } from "./schema.ts";
export { exerciseSearch } from "./repository.ts";
export { exercises as seededExercises } from "./catalog/exercises.ts";
export { templates as seededTemplates } from "./catalog/templates.ts";
export { catalogVersionTtlMs } from "./cache.ts";
export { exercises, outbox, personalBests, plans, sessions } from "./tables.ts";
export type { LoggedEntry } from "./tables.ts";
export { sessionBests, sessionVolume } from "./records.ts";
