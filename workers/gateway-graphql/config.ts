/**
 * The GraphQL gateway's own settings, parsed by its entrypoint and by the
 * embedded default.
 *
 * @module
 */
import * as v from "valibot";
import type { RateLimit } from "../../shared/http/rate_limit.ts";
import { defaultGraphqlRateLimit } from "./rate_limit.ts";

/** Environment entries of the GraphQL gateway. */
export const graphqlEntries = {
  /** Requests a minute per client address (a load test from one address raises it). */
  FITCONNECT_GRAPHQL_RATE_LIMIT: v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.integer("a whole number of requests a minute"),
      v.minValue(1, "a whole number of requests a minute"),
    ),
  ),
};

/** The parsed settings. */
export type GraphqlConfig = v.InferOutput<v.ObjectSchema<typeof graphqlEntries, undefined>>;

/** The rate limit these settings ask for (the default when unset). */
export function graphqlRateLimitFrom(config: GraphqlConfig): RateLimit {
  const limit = config.FITCONNECT_GRAPHQL_RATE_LIMIT;
  return limit === undefined ? defaultGraphqlRateLimit : { ...defaultGraphqlRateLimit, limit };
}
