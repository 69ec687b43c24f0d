/**
 * The security review's GraphQL findings, each through the public HTTP
 * surface of the whole platform:
 *
 * 1. cost limits that see variables, page sizes kept to 1–100, caps on
 *    aliases and root fields, `health` asked once a request, a rate limit;
 * 2. a client's malformed request is a coded 400, never a 5xx;
 * 3. a checkout `idempotencyKey` no header can carry is a 400;
 * 4. a client id never changes the path a worker is called on.
 *
 * What reached the workers is read from their access log lines, which carry
 * the request id the test sent.
 */
import assert from "node:assert/strict";
import { domainWorkerNames } from "../shared/runtime/workers.ts";
import { bearer } from "../shared/testing/requests.ts";
import { signUp } from "./support/identity.ts";
import { platformTest, type TestPlatform } from "./support/platform.ts";

interface WireError {
  message: string;
  extensions: { code: string; status: number; requestId: string; errors?: unknown[] };
}

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: WireError[] };
}

interface Call {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  token?: string;
  clientIp?: string;
}

let sent = 0;

/** POSTs `call` as the GraphQL body; returns the answer and the request id it went with. */
async function graphql(platform: TestPlatform, call: Call): Promise<Answer & { id: string }> {
  const id = `gql-security-${++sent}`;
  const { token, clientIp, ...body } = call;
  const response = await platform.request("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-request-id": id,
      ...(token ? bearer(token) : {}),
    },
    body: JSON.stringify(body),
  }, clientIp);
  return { ...(await read(response)), id };
}

/** Any request to `/graphql`, answered as JSON. */
async function raw(
  platform: TestPlatform,
  path: string,
  init: RequestInit = {},
): Promise<Answer> {
  return await read(await platform.request(path, init));
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/, text);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

/** `METHOD route` of every call a domain worker served for request `id`. */
function workerCalls(platform: TestPlatform, id: string): string[] {
  return platform.logs
    .map((line) => JSON.parse(line))
    .filter((entry) =>
      entry.message === "request" && entry.requestId === id &&
      (domainWorkerNames as readonly string[]).includes(entry.worker)
    )
    .map((entry) => `${entry.worker} ${entry.method} ${entry.route}`);
}

function codes(answer: Answer): string[] {
  return (answer.body.errors ?? []).map((error) => error.extensions.code);
}

/** `count` aliases of `field`, as one selection. */
function aliases(count: number, field: string): string {
  return Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ");
}

platformTest("[graphql] cost limits see variables; pages stay within 1–100", async (t, open) => {
  const platform = await open({ introspection: false });

  await t.step("60 aliases of a $limit page are refused, not served", async () => {
    const answer = await graphql(platform, {
      query: `query ($l: Int) { ${aliases(60, "exercises(limit: $l) { items { id } }")} }`,
      variables: { l: 100 },
    });
    assert.equal(answer.status, 400, JSON.stringify(answer.body).slice(0, 300));
    assert.equal(answer.body.data, undefined);
    // Refused by whichever limit sees it first: the aliases, or their cost at 100 rows each.
    assert.ok(
      codes(answer).some((code) => ["QUERY_TOO_COSTLY", "QUERY_TOO_MANY_ALIASES"].includes(code)),
      codes(answer).join(),
    );
    assert.deepEqual(workerCalls(platform, answer.id), []);
  });

  await t.step("a $limit variable is priced at its value, as a literal is", async () => {
    const tight = await open({
      introspection: false,
      graphqlLimits: { maxDepth: 10, maxCost: 500 },
    });
    const three = `query ($l: Int) { ${aliases(3, "exercises(limit: $l) { items { id } }")} }`;
    const costly = await graphql(tight, { query: three, variables: { l: 100 } });
    assert.equal(costly.status, 400);
    assert.deepEqual(codes(costly), ["QUERY_TOO_COSTLY"]);
    const literal = await graphql(tight, {
      query: `{ ${aliases(3, "exercises(limit: 100) { items { id } }")} }`,
    });
    assert.deepEqual(codes(literal), ["QUERY_TOO_COSTLY"]);
    const cheap = await graphql(tight, { query: three, variables: { l: 20 } });
    assert.equal(cheap.status, 200);
    assert.equal(cheap.body.errors, undefined);
    assert.equal((cheap.body.data?.a0 as { items: unknown[] }).items.length, 20);
  });

  await t.step(
    "a public answer kept for cheap variables lets no costlier ones through",
    async () => {
      const tight = await open({
        introspection: false,
        graphqlLimits: { maxDepth: 10, maxCost: 500 },
      });
      const three = `query ($l: Int) { ${aliases(3, "exercises(limit: $l) { items { id } }")} }`;
      // Served, and kept 5 s as a public answer (the catalog), with its cost worked out.
      for (let i = 0; i < 2; i++) {
        const cheap = await graphql(tight, { query: three, variables: { l: 20 } });
        assert.equal(cheap.status, 200);
        assert.equal(cheap.body.errors, undefined);
      }
      const costly = await graphql(tight, { query: three, variables: { l: 100 } });
      assert.equal(costly.status, 400);
      assert.deepEqual(codes(costly), ["QUERY_TOO_COSTLY"]);
      assert.deepEqual(workerCalls(tight, costly.id), []);
    },
  );

  await t.step("a negative limit cannot lower the cost of the rest", async () => {
    const tight = await open({
      introspection: false,
      graphqlLimits: { maxDepth: 10, maxCost: 10 },
    });
    const healths = aliases(6, "health { status }");
    const refused = await graphql(tight, { query: `{ ${healths} }` });
    assert.deepEqual(codes(refused), ["QUERY_TOO_COSTLY"]);
    const page = "n: exercises(limit: $l) { items { id } }";
    for (
      const query of [
        `{ ${page.replace("$l", "-100000")} ${healths} }`,
        `query ($l: Int) { ${page} ${healths} }`,
      ]
    ) {
      const answer = await graphql(tight, { query, variables: { l: -100000 } });
      assert.equal(answer.status, 400, query);
      assert.deepEqual(codes(answer), ["QUERY_TOO_COSTLY"], query);
      assert.deepEqual(workerCalls(tight, answer.id), []);
    }
  });

  await t.step("a limit outside 1–100 is refused before any worker sees it", async () => {
    const { accessToken } = await signUp(platform);
    const pages = ["exercises", "workouts", "sessions", "notifications", "inventoryItems"];
    for (const page of pages) {
      for (const limit of [0, -1, 101, 100_000]) {
        const answer = await graphql(platform, {
          query: `query ($l: Int) { ${page}(limit: $l) { items { __typename } } }`,
          variables: { l: limit },
          token: accessToken,
        });
        assert.equal(answer.status, 200, `${page}(limit: ${limit})`);
        assert.equal(answer.body.data, null);
        assert.deepEqual(codes(answer), ["VALIDATION_FAILED"], `${page}(limit: ${limit})`);
        assert.equal(answer.body.errors?.[0].extensions.status, 422);
        assert.deepEqual(workerCalls(platform, answer.id), [], `${page}(limit: ${limit})`);
      }
    }
  });

  await t.step("limit 100 is served, at most 100 rows", async () => {
    const answer = await graphql(platform, {
      query: `query ($l: Int) { exercises(limit: $l) { items { id } } }`,
      variables: { l: 100 },
    });
    assert.equal(answer.body.errors, undefined);
    const items = (answer.body.data?.exercises as { items: unknown[] }).items;
    assert.ok(items.length > 20 && items.length <= 100, `${items.length} rows`);
  });

  await t.step("more than 15 aliases are refused", async () => {
    const fifteen = await graphql(platform, { query: `{ ${aliases(15, "health { status }")} }` });
    assert.equal(fifteen.status, 200);
    const sixteen = await graphql(platform, { query: `{ ${aliases(16, "health { status }")} }` });
    assert.equal(sixteen.status, 400);
    assert.deepEqual(codes(sixteen), ["QUERY_TOO_MANY_ALIASES"]);
    assert.deepEqual(workerCalls(platform, sixteen.id), []);
    // Aliases hidden in a fragment count too.
    const hidden = await graphql(platform, {
      query: `{ ...F } fragment F on Query { ${aliases(16, "plans { items { id } }")} }`,
    });
    assert.deepEqual(codes(hidden), ["QUERY_TOO_MANY_ALIASES"]);
  });

  await t.step("more root fields than the limit are refused", async () => {
    const wide = `{ ${aliases(15, "health { status }")} me { id } plans { items { id } } ` +
      `exercises { items { id } } workouts { items { id } } membership { active } health { status } }`;
    const answer = await graphql(platform, { query: wide });
    assert.equal(answer.status, 400);
    assert.deepEqual(codes(answer), ["QUERY_TOO_MANY_ROOT_FIELDS"]);
    const narrow = await open({
      introspection: false,
      graphqlLimits: { maxDepth: 10, maxCost: 5_000, maxRootFields: 3 },
    });
    const four = await graphql(narrow, {
      query:
        "{ health { status } plans { items { id } } exercises { items { id } } membership { active } }",
    });
    assert.deepEqual(codes(four), ["QUERY_TOO_MANY_ROOT_FIELDS"]);
    assert.deepEqual(workerCalls(narrow, four.id), []);
  });

  await t.step("health under many aliases asks each worker once", async () => {
    const answer = await graphql(platform, { query: `{ ${aliases(10, "health { status }")} }` });
    assert.equal(answer.status, 200);
    assert.equal((answer.body.data?.a9 as { status: string }).status, "ok");
    // Once per worker — or not at all when a result of the last 1.5 s answered (/health's window).
    const calls = workerCalls(platform, answer.id).sort();
    const once = domainWorkerNames.map((name) => `${name} GET /internal/health`).sort();
    assert.ok(calls.length === 0 || calls.join() === once.join(), calls.join());
  });
});

platformTest("[graphql] /graphql is rate-limited per client address", async (t, open) => {
  const platform = await open({ introspection: false });
  const limit = 300;

  await t.step(`${limit} requests a minute pass, with RateLimit-* headers`, async () => {
    for (let i = 1; i <= limit; i++) {
      const answer = await graphql(platform, { query: "{ __typename }", clientIp: "203.0.113.7" });
      assert.equal(answer.status, 200, `request ${i}`);
      assert.equal(answer.headers.get("ratelimit-policy"), `"graphql";q=${limit};w=60`);
      assert.match(answer.headers.get("ratelimit") ?? "", new RegExp(`^"graphql";r=${limit - i};`));
    }
  });

  await t.step("the next is a 429 RATE_LIMITED with Retry-After", async () => {
    const answer = await graphql(platform, { query: "{ __typename }", clientIp: "203.0.113.7" });
    assert.equal(answer.status, 429);
    assert.deepEqual(codes(answer), ["RATE_LIMITED"]);
    assert.equal(answer.body.errors?.[0].extensions.status, 429);
    assert.equal(answer.body.errors?.[0].extensions.requestId, answer.id);
    assert.equal(answer.body.data, undefined);
    const retryAfter = Number(answer.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(answer.headers.get("ratelimit"), `"graphql";r=0;t=${retryAfter}`);
  });

  await t.step("another address is counted on its own", async () => {
    const answer = await graphql(platform, { query: "{ __typename }", clientIp: "203.0.113.8" });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("ratelimit") ?? "", new RegExp(`^"graphql";r=${limit - 1};`));
  });

  await t.step("a spoofed X-Forwarded-For is not another address", async () => {
    const response = await platform.request("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.1" },
      body: JSON.stringify({ query: "{ __typename }" }),
    }, "203.0.113.7");
    await response.body?.cancel();
    assert.equal(response.status, 429);
  });
});

platformTest("[graphql] a client's malformed request is a coded 400", async (t, open) => {
  const platform = await open({ introspection: false });
  const health = "{ health { status } }";
  const twoOperations = "query A { health { status } } query B { plans { items { id } } }";

  const bodies: [string, string, string][] = [
    [
      "two operations without operationName",
      JSON.stringify({ query: twoOperations }),
      "GRAPHQL_UNKNOWN_OPERATION",
    ],
    [
      "an unknown operationName",
      JSON.stringify({ query: twoOperations, operationName: "C" }),
      "GRAPHQL_UNKNOWN_OPERATION",
    ],
    [
      "an operationName that is no string",
      JSON.stringify({ query: health, operationName: 5 }),
      "BAD_REQUEST",
    ],
    ['"variables": "x"', JSON.stringify({ query: health, variables: "x" }), "BAD_REQUEST"],
    ["variables as an array", JSON.stringify({ query: health, variables: [1] }), "BAD_REQUEST"],
    ["a null body", "null", "BAD_REQUEST"],
    ["an array body (a batch)", JSON.stringify([{ query: health }]), "BAD_REQUEST"],
    ["a string body", '"{ health { status } }"', "BAD_REQUEST"],
    ["a number body", "5", "BAD_REQUEST"],
    ['"extensions": "x"', JSON.stringify({ query: health, extensions: "x" }), "BAD_REQUEST"],
    ["extensions as an array", JSON.stringify({ query: health, extensions: [] }), "BAD_REQUEST"],
    ["a query that is no string", JSON.stringify({ query: 5 }), "BAD_REQUEST"],
    [
      "a variable of the wrong type",
      JSON.stringify({
        query: "query ($l: Int) { exercises(limit: $l) { items { id } } }",
        variables: { l: "ten" },
      }),
      "GRAPHQL_VARIABLES_INVALID",
    ],
    [
      "a required variable left out",
      JSON.stringify({ query: "query ($id: ID!) { exercise(id: $id) { id } }", variables: {} }),
      "GRAPHQL_VARIABLES_INVALID",
    ],
  ];
  for (const [what, body, code] of bodies) {
    await t.step(`POST: ${what} is 400 ${code}`, async () => {
      const answer = await raw(platform, "/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": "gql-mistake" },
        body,
      });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.deepEqual(codes(answer), [code]);
      const { extensions } = answer.body.errors![0];
      assert.equal(extensions.status, 400);
      assert.equal(extensions.requestId, "gql-mistake");
      assert.equal(answer.body.data, undefined);
    });
  }

  const queries: [string, string, string][] = [
    ["no query", "", "BAD_REQUEST"],
    [
      "variables that are not JSON",
      `query=${encodeURIComponent(health)}&variables=x`,
      "BAD_REQUEST",
    ],
    [
      "variables as an array",
      `query=${encodeURIComponent(health)}&variables=%5B1%5D`,
      "BAD_REQUEST",
    ],
    [
      "extensions that are not JSON",
      `query=${encodeURIComponent(health)}&extensions=x`,
      "BAD_REQUEST",
    ],
    [
      "query given twice",
      `query=${encodeURIComponent(health)}&query=${encodeURIComponent(health)}`,
      "BAD_REQUEST",
    ],
    [
      "an unknown operationName",
      `query=${encodeURIComponent(health)}&operationName=Z`,
      "GRAPHQL_UNKNOWN_OPERATION",
    ],
    [
      "two operations without operationName",
      `query=${encodeURIComponent(twoOperations)}`,
      "GRAPHQL_UNKNOWN_OPERATION",
    ],
    [
      "a variable of the wrong type",
      `query=${encodeURIComponent("query ($l: Int) { exercises(limit: $l) { items { id } } }")}` +
      `&variables=${encodeURIComponent('{"l":"ten"}')}`,
      "GRAPHQL_VARIABLES_INVALID",
    ],
  ];
  for (const [what, search, code] of queries) {
    await t.step(`GET: ${what} is 400 ${code}`, async () => {
      const answer = await raw(platform, `/graphql?${search}`);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.deepEqual(codes(answer), [code]);
      assert.equal(answer.body.errors![0].extensions.status, 400);
    });
  }

  await t.step("GET with good params still answers", async () => {
    const answer = await raw(
      platform,
      `/graphql?query=${encodeURIComponent(twoOperations)}&operationName=A&variables=%7B%7D`,
    );
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.data, { health: { status: "ok" } });
  });
});

platformTest(
  "[graphql] checkout refuses an idempotencyKey no header can carry",
  async (t, open) => {
    const platform = await open({ introspection: false });
    const { accessToken } = await signUp(platform);
    const checkout = `mutation ($input: CheckoutInput!) { checkout(input: $input) { id } }`;
    const keys: [string, string, string][] = [
      ["a newline", "retry\nkey", "IDEMPOTENCY_KEY_INVALID"],
      ["a carriage return", "retry\rkey", "IDEMPOTENCY_KEY_INVALID"],
      ["a NUL", "retry\u0000key", "IDEMPOTENCY_KEY_INVALID"],
      ["a non-ASCII character", "clé", "IDEMPOTENCY_KEY_INVALID"],
      ["256 characters", "k".repeat(256), "IDEMPOTENCY_KEY_INVALID"],
      ["nothing", "", "IDEMPOTENCY_KEY_REQUIRED"],
    ];
    for (const [what, idempotencyKey, code] of keys) {
      await t.step(`a key with ${what} is a 400 ${code}, and nothing is paid`, async () => {
        const answer = await graphql(platform, {
          query: checkout,
          variables: { input: { idempotencyKey, planId: "monthly" } },
          token: accessToken,
        });
        assert.ok(answer.status < 500, `status ${answer.status}`);
        assert.deepEqual(codes(answer), [code]);
        assert.equal(answer.body.errors?.[0].extensions.status, 400);
        assert.equal(answer.body.data, null);
        assert.deepEqual(workerCalls(platform, answer.id), []);
      });
    }

    await t.step("a key of 255 printable characters still pays", async () => {
      const answer = await graphql(platform, {
        query: checkout,
        variables: { input: { idempotencyKey: "~".repeat(255), planId: "monthly" } },
        token: accessToken,
      });
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
      assert.deepEqual(workerCalls(platform, answer.id), ["payments POST /v1/payments"]);
    });
  },
);

platformTest(
  "[graphql] a client id never changes the path a worker is called on",
  async (t, open) => {
    const platform = await open({ introspection: false });
    const { accessToken } = await signUp(platform);
    const fields: [string, string, string][] = [
      ["workout(id: $id) { id }", "workouts GET /v1/workouts/:id", "ID!"],
      ["exercise(id: $id) { id }", "workouts GET /v1/exercises/:id", "ID!"],
      ["session(id: $id) { id }", "workouts GET /v1/sessions/:id", "ID!"],
      ["payment(id: $id) { id }", "payments GET /v1/payments/:id", "ID!"],
      ["inventoryItem(sku: $id) { sku }", "inventory GET /v1/inventory/items/:sku", "ID!"],
      ["analyticsReport(id: $id) { id }", "analytics GET /v1/analytics/reports/:id", "ID!"],
    ];
    // Each is either not a path segment at all (refused) or encoded into one.
    const refused = ["..", ".", "", "a\u0000b", "a\nb", "\u007f", "x".repeat(257)];
    const encoded = [
      "../../internal/health",
      "..%2F..%2Finternal%2Fhealth",
      "%2e%2e",
      "a/b",
      "a?b=c",
      "a#b",
      "a%00b",
    ];
    for (const [selection, route, type] of fields) {
      const query = `query ($id: ${type}) { ${selection} }`;
      await t.step(`${selection.split("(")[0]}: refused ids reach no worker`, async () => {
        for (const id of refused) {
          const answer = await graphql(platform, { query, variables: { id }, token: accessToken });
          assert.equal(answer.status, 200, JSON.stringify(id));
          assert.deepEqual(codes(answer), ["ID_INVALID"], JSON.stringify(id));
          assert.equal(answer.body.errors?.[0].extensions.status, 400);
          assert.deepEqual(workerCalls(platform, answer.id), [], JSON.stringify(id));
        }
      });
      await t.step(
        `${selection.split("(")[0]}: other ids stay one segment of ${route}`,
        async () => {
          for (const id of encoded) {
            const answer = await graphql(platform, {
              query,
              variables: { id },
              token: accessToken,
            });
            assert.ok(answer.status < 500, JSON.stringify(id));
            assert.equal(Object.values(answer.body.data ?? {})[0], null, JSON.stringify(id));
            assert.deepEqual(workerCalls(platform, answer.id), [route], JSON.stringify(id));
          }
        },
      );
    }

    await t.step("mutations with an id in the path are held to the same rule", async () => {
      const mark = await graphql(platform, {
        query: `mutation ($id: ID!) { markNotificationRead(input: { id: $id }) }`,
        variables: { id: "../../internal/health" },
        token: accessToken,
      });
      assert.deepEqual(workerCalls(platform, mark.id), [
        "notifications POST /v1/notifications/:id/read",
      ]);
      const confirm = await graphql(platform, {
        query:
          `mutation ($id: ID!) { confirmPayment(input: { id: $id, paymentMethod: "pm_card_visa" }) { id } }`,
        variables: { id: ".." },
        token: accessToken,
      });
      assert.deepEqual(codes(confirm), ["ID_INVALID"]);
      assert.deepEqual(workerCalls(platform, confirm.id), []);
    });
  },
);
