/**
 * The opening text of the public OpenAPI document: what holds for every
 * operation, which the docs page shows before the first one.
 *
 * @module
 */

export const apiDescription = `
FitConnect's public REST API, for the web and mobile apps and for third parties.

- **Authentication**: \`Authorization: Bearer <token>\` — a member's access token
  (\`bearerAuth\`, from \`POST /v1/auth/login\`), or an API key \`fck_…\` (\`apiKey\`,
  from \`POST /v1/api-keys\`) limited to its scopes.
- **Errors** are RFC 9457 \`application/problem+json\` with a stable \`code\` and the
  \`requestId\`; each operation lists the codes it may answer. Validation failures are
  422 \`VALIDATION_FAILED\` with \`errors[]\` of JSON Pointers.
- **Lists** take \`?limit=\` (1–100, default 20) and \`?cursor=\`, and answer
  \`{ items, nextCursor }\` plus a \`Link: <…>; rel="next"\` header while there is more.
- **Retries**: creates take an \`Idempotency-Key\` header (\`POST /v1/payments\` requires
  one; \`POST /v1/sessions\` is idempotent by \`clientId\`).
- **Caching**: cacheable reads answer an \`ETag\`; send \`If-None-Match\` for a 304, and
  \`If-Match\` on updates for a 412 instead of a lost update.
- **Rate limits**: every answer carries the IETF \`RateLimit-Policy\` and \`RateLimit\`
  headers; over the limit is 429 with \`Retry-After\`.

The GraphQL API for the first-party apps is at \`/graphql\` (SDL at
\`/graphql/schema.graphql\`).
`.trim();
