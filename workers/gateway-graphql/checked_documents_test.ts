import assert from "node:assert/strict";
import { NoSchemaIntrospectionCustomRule, specifiedRules } from "graphql";
import { documentChecker } from "./checked_documents.ts";
import { withDefaults } from "./query_limits.ts";
import { buildGatewaySchema } from "./schema.ts";

const options = {
  schema: buildGatewaySchema(),
  limits: withDefaults(),
  validationRules: [...specifiedRules, NoSchemaIntrospectionCustomRule],
};

Deno.test("[graphql] each distinct query is parsed and validated once", async (t) => {
  await t.step("the same text gives the same checked document", () => {
    const check = documentChecker(options);
    const first = check("{ exercises { items { id } } }");
    const again = check("{ exercises { items { id } } }");
    assert.ok(first.ok && again.ok);
    assert.equal(again.checked, first.checked, "not parsed again");
  });

  await t.step("a refused document is refused every time, with its code", () => {
    const check = documentChecker(options);
    for (let i = 0; i < 2; i++) {
      const result = check("{ nope }");
      assert.ok(!result.ok);
      assert.equal(result.errors[0].extensions.code, "GRAPHQL_VALIDATION_FAILED");
    }
    const syntax = check("{");
    assert.ok(!syntax.ok);
    assert.equal(syntax.errors[0].extensions.code, "GRAPHQL_PARSE_FAILED");
  });

  await t.step("the cache keeps to its bounds", () => {
    const check = documentChecker(options, { maxEntries: 1, maxWeight: 1_000 });
    const a = check("{ exercises { items { id } } }");
    check("{ exercises { items { name } } }");
    const aAgain = check("{ exercises { items { id } } }");
    assert.ok(a.ok && aAgain.ok);
    assert.notEqual(aAgain.checked, a.checked, "evicted, so checked again");
  });
});
