/**
 * A member's payment history (`GET /v1/payments`): own payments only,
 * newest first, in keyset pages; bad paging parameters are 422 on the
 * parameter; no token is 401.
 */
import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { type PaymentBody, paymentsTest } from "../workers/payments/testing.ts";

interface Page {
  items: PaymentBody[];
  nextCursor: string | null;
}

paymentsTest("[payments] GET /v1/payments: the member's history", async (t, fx) => {
  const ada = await fx.token("u-history-ada");
  const bob = await fx.token("u-history-bob");
  const made: string[] = [];
  for (const planId of ["monthly", "yearly", "monthly", "yearly"]) {
    const response = await fx.request(
      "/v1/payments",
      postJson({ planId }, bearer(ada, { "idempotency-key": crypto.randomUUID() })),
    );
    made.push((await expectJson<PaymentBody>(response, 201)).id);
    fx.advance(1); // distinct creation times, so "newest first" is observable
  }
  const page = async (token: string, query: string) =>
    await expectJson<Page>(
      await fx.request(`/v1/payments${query}`, { headers: bearer(token) }),
      200,
    );

  await t.step("newest first, in pages that neither repeat nor skip", async () => {
    const first = await page(ada, "?limit=3");
    assert.equal(first.items.length, 3);
    assert.ok(first.nextCursor);
    const second = await page(ada, `?limit=3&cursor=${first.nextCursor}`);
    assert.equal(second.nextCursor, null);
    const ids = [...first.items, ...second.items].map((payment) => payment.id);
    assert.deepEqual(ids, [...made].reverse());
    assert.equal(first.items[0].planId, "yearly");
    assert.equal(first.items[0].status, "requires_confirmation");
  });

  await t.step("another member sees none of them", async () => {
    assert.deepEqual(await page(bob, ""), { items: [], nextCursor: null });
  });

  await t.step("a bad limit or cursor is 422 on the parameter", async () => {
    for (const query of ["?limit=0", "?limit=101", "?limit=x", "?cursor=nope", "?cursor=e30"]) {
      const problem = await expectProblem(
        await fx.request(`/v1/payments${query}`, { headers: bearer(ada) }),
        422,
        "VALIDATION_FAILED",
      );
      const pointer = query.startsWith("?limit") ? "limit" : "cursor";
      assert.ok(
        problem.errors?.some((error) => error.pointer.includes(pointer)),
        JSON.stringify(problem),
      );
    }
  });

  await t.step("without a token it is 401", async () => {
    await expectProblem(await fx.request("/v1/payments"), 401, "UNAUTHENTICATED");
  });
});
