/**
 * The hostile suite: every finding of the security review, tried as an
 * attacker would, against a real listening server — the embedded default and
 * split (one process per worker). Paths go over a raw socket, because `fetch`
 * resolves the dot segments that the attacks are made of.
 *
 * The cases live by subject in ./support/security/; this file runs them on
 * both ways of running the platform. Store outages are in ./faults_test.ts.
 */
import { commerceCases } from "./support/security/commerce_cases.ts";
import { edgeCases } from "./support/security/edge_cases.ts";
import { embeddedCases } from "./support/security/embedded_cases.ts";
import { graphqlCases } from "./support/security/graphql_cases.ts";
import { identityCases } from "./support/security/identity_cases.ts";
import { splitForwardingCases } from "./support/security/split_forwarding_cases.ts";
import { listenEmbedded, listenSplit, type SecurityTarget } from "./support/security_target.ts";

/** Every case that holds whichever way the platform runs. */
async function hostileSuite(t: Deno.TestContext, target: SecurityTarget) {
  await edgeCases(t, target);
  await identityCases(t, target);
  await graphqlCases(t, target);
  await commerceCases(t, target);
}

Deno.test("[security] hostile requests, embedded", async (t) => {
  const target = await listenEmbedded();
  try {
    await hostileSuite(t, target);
    await embeddedCases(t, target);
  } finally {
    await target.close();
  }
});

Deno.test("[security] hostile requests, split", async (t) => {
  const target = await listenSplit();
  try {
    await hostileSuite(t, target);
  } finally {
    await target.close();
  }
});

Deno.test("[security] split gateways forward a client's request unsigned", splitForwardingCases);
