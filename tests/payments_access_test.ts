/**
 * Who may see and act on a payment: every route of the payments worker
 * with no token, with another member's token, and as the owner.
 */
import assert from "node:assert/strict";
import { expectJson, expectProblem } from "../shared/testing/assertions.ts";
import { bearer, postJson } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest } from "./support/platform.ts";
import { confirm, created, membership, payment } from "../workers/payments/testing.ts";

platformTest("[payments] two users", async (t, open) => {
  const platform = await open();
  const alice = await signUp(platform);
  const bob = await signUp(platform);
  const paid = await created(platform, alice.accessToken, { planId: "monthly" });

  await t.step("without a token every private route is 401", async () => {
    for (
      const [path, init] of [
        ["/v1/payments", postJson({ planId: "monthly" }, { "idempotency-key": "k1" })],
        [`/v1/payments/${paid.id}`, {}],
        [`/v1/payments/${paid.id}/confirm`, postJson({ paymentMethod: "pm_card_visa" })],
        ["/v1/me/membership", {}],
        [`/v1/admin/payments/${paid.id}/refund`, { method: "POST" }],
      ] as const
    ) {
      await expectProblem(await platform.request(path, init), 401, "UNAUTHENTICATED");
    }
  });

  await t.step("another member's payment is 404 to read and to confirm", async () => {
    await expectProblem(
      await platform.request(`/v1/payments/${paid.id}`, { headers: bearer(bob.accessToken) }),
      404,
      "PAYMENT_NOT_FOUND",
    );
    await expectProblem(
      await confirm(platform, bob.accessToken, paid.id, "pm_card_visa"),
      404,
      "PAYMENT_NOT_FOUND",
    );
    await expectProblem(
      await platform.request("/v1/payments/pay_nope", { headers: bearer(bob.accessToken) }),
      404,
      "PAYMENT_NOT_FOUND",
    );
    assert.equal(
      (await payment(platform, alice.accessToken, paid.id)).status,
      "requires_confirmation",
    );
  });

  await t.step("the owner reads and confirms it; the membership is theirs only", async () => {
    const mine = await payment(platform, alice.accessToken, paid.id);
    assert.equal(mine.id, paid.id);
    assert.equal(mine.amountCents, 2900);
    await expectJson(await confirm(platform, alice.accessToken, paid.id, "pm_card_visa"), 200);
    await expectProblem(
      await confirm(platform, alice.accessToken, paid.id, ""),
      422,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(await membership(platform, bob.accessToken), {
      active: false,
      planId: null,
      currentPeriodEnd: null,
    });
  });
});
