import assert from "node:assert/strict";
import { keysetPage } from "./keyset_page.ts";

const rows = ["a", "b", "c", "d", "e"].map((sku, index) => ({ sku, at: index }));

/** The list's query over `rows`: after `after` in SKU order, at most `take`. */
function query(after: string | undefined) {
  return (take: number) =>
    Promise.resolve(rows.filter((row) => after === undefined || row.sku > after).slice(0, take));
}

const read = {
  item: (row: { sku: string }) => row.sku,
  position: (row: { sku: string }) => row.sku,
};

Deno.test("[shared] keyset pages", async (t) => {
  await t.step("asks for one row more than the limit, to learn whether more follow", async () => {
    const takes: number[] = [];
    await keysetPage(
      (take) => {
        takes.push(take);
        return Promise.resolve([]);
      },
      2,
      read,
    );
    assert.deepEqual(takes, [3]);
  });

  await t.step("pages end to end without repeats or gaps; the last has no next", async () => {
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await keysetPage(query(after), 2, read);
      pages.push(page.items);
      after = page.next;
    } while (after !== undefined);
    assert.deepEqual(pages, [["a", "b"], ["c", "d"], ["e"]]);
  });

  await t.step("a page that exactly ends the list has no next", async () => {
    assert.deepEqual(await keysetPage(query("c"), 2, read), { items: ["d", "e"], next: undefined });
  });
});
