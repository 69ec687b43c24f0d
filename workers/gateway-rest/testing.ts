/**
 * What suites need to test with the REST gateway: the public route table,
 * so the security suites probe every prefix the edge forwards, and the
 * prefixes the web app never answers under.
 *
 * @module
 */
export { publicRoutes } from "./routes.ts";
export { apiPrefixes } from "./web_app.ts";
/** Which worker the gateway forwards a documented path to (the document keeps only those). */
export { ownerOf } from "./openapi.ts";
