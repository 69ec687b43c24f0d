import assert from "node:assert/strict";
import { buildSchema } from "graphql";
import { generateOperationTypes, generateSchemaTypes } from "./codegen.ts";

const sdl = `
  enum Level { easy hard }
  type Item { id: ID!, name: String!, level: Level, tags: [String!]! }
  type Page { items: [Item!]!, nextCursor: String }
  input ItemInput { name: String!, level: Level }
  type Query { items(limit: Int, cursor: String): Page!, item(id: ID!): Item }
  type Mutation { addItem(input: ItemInput!): Item! }
`;
const from = { schema: "./schema.ts", document: "./mod.ts" };
const operations = [{
  name: "items.graphql",
  text: `
    fragment Card on Item { id label: name }
    query Items($limit: Int) { items(limit: $limit) { items { ...Card level __typename } nextCursor } }
    mutation AddItem($input: ItemInput!) { addItem(input: $input) { id } }
  `,
}];

Deno.test("codegen: result types follow the selection (aliases, fragments, nullability)", () => {
  const out = generateOperationTypes(buildSchema(sdl), operations, from, "test");
  assert.match(out, /export type ItemsQuery = \{\n {2}items: \{\n {4}items: Array<\{\n/);
  assert.match(out, / label: string;\n/);
  assert.match(out, / level: Level \| null;\n/);
  assert.match(out, / __typename: "Item";\n/);
  assert.match(out, /export type ItemsQueryVariables = \{\n {2}limit\?: number \| null;\n\}/);
  assert.match(out, /export type AddItemMutationVariables = \{\n {2}input: ItemInput;\n\}/);
  assert.match(out, /import type \{ ItemInput, Level \} from "\.\/schema\.ts";/);
  // The shipped text carries the fragment it uses, minified.
  assert.match(
    out,
    /query: "query Items\(\$limit:Int\)\{.*\}fragment Card on Item\{id label:name\}"/,
  );
});

Deno.test("codegen: schema types, enums with their values, optional nullable inputs", () => {
  const out = generateSchemaTypes(buildSchema(sdl), "test");
  assert.match(out, /export type Level = "easy" \| "hard";/);
  assert.match(out, /export const levelValues = \["easy", "hard"\] as const;/);
  assert.match(
    out,
    /export interface ItemInput \{\n {2}name: string;\n {2}level\?: Level \| null;\n\}/,
  );
});

Deno.test("codegen: a schema change shows in the output, a broken operation is refused", () => {
  const before = generateOperationTypes(buildSchema(sdl), operations, from, "test");
  const changed = sdl.replace("name: String!, level", "name: String, level");
  const after = generateOperationTypes(buildSchema(changed), operations, from, "test");
  assert.notEqual(before, after);
  assert.match(after, / label: string \| null;\n/);
  const removed = sdl.replace("nextCursor: String }", "}");
  assert.throws(
    () => generateOperationTypes(buildSchema(removed), operations, from, "test"),
    /items\.graphql does not match the schema:\n.*Cannot query field "nextCursor"/,
  );
});
