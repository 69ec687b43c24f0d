/**
 * A code means the same thing on every route: where two catalogs hold the
 * same code (payments passes on inventory's INSUFFICIENT_STOCK), they give it
 * the same status and title. (The registry that once checked this at boot is
 * gone; the catalogs are plain objects, so this test checks them instead.)
 */
import assert from "node:assert/strict";
import { platformProblems, type ProblemKind } from "../shared/http/problem.ts";
import { queueProblems } from "../shared/queue/signature.ts";
import { analyticsProblems } from "../workers/analytics/contracts.ts";
import { authProblems } from "../workers/auth/contracts.ts";
import { accessProblems } from "../shared/auth/middleware.ts";
import { graphqlProblems } from "../workers/gateway-graphql/contracts.ts";
import { inventoryProblems } from "../workers/inventory/contracts.ts";
import { metricsProblems } from "../workers/metrics/contracts.ts";
import { notificationsProblems } from "../workers/notifications/contracts.ts";
import { paymentsProblems } from "../workers/payments/contracts.ts";
import { usersProblems } from "../workers/users/contracts.ts";
import { webhooksProblems } from "../workers/webhooks/contracts.ts";
import { workoutsProblems } from "../workers/workouts/contracts.ts";

const catalogs: Record<string, Record<string, ProblemKind>> = {
  platformProblems,
  accessProblems,
  queueProblems,
  analyticsProblems,
  authProblems,
  graphqlProblems,
  inventoryProblems,
  metricsProblems,
  notificationsProblems,
  paymentsProblems,
  usersProblems,
  webhooksProblems,
  workoutsProblems,
};

Deno.test("[platform] problem codes mean one status and title in every catalog", () => {
  const seen = new Map<string, { catalog: string; kind: ProblemKind }>();
  for (const [catalog, entries] of Object.entries(catalogs)) {
    for (const [key, kind] of Object.entries(entries)) {
      assert.equal(kind.code, key, `${catalog}.${key} carries another code`);
      assert.match(kind.code, /^[A-Z][A-Z0-9_]*$/);
      assert.ok(kind.status >= 400 && kind.status <= 599, `${catalog}.${key} is no error`);
      const first = seen.get(kind.code);
      if (first) {
        assert.deepEqual(
          { status: kind.status, title: kind.title },
          { status: first.kind.status, title: first.kind.title },
          `${kind.code} differs between ${first.catalog} and ${catalog}`,
        );
      } else seen.set(kind.code, { catalog, kind });
    }
  }
});
