/**
 * What suites need to test with the REST gateway: the public route table,
 * so the security suites probe every prefix the edge forwards.
 *
 * @module
 */
export { publicRoutes } from "./routes.ts";
