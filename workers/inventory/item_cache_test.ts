import assert from "node:assert/strict";
import { withItemCache } from "./item_cache.ts";
import type { InventoryRepository, ItemRow } from "./repository.ts";

/** A repository whose one item lives in memory, counting reads, with reads it can hold back. */
function fakeRepository() {
  const state = { onHand: 5, reads: 0 };
  let hold: Promise<void> | undefined;
  const row = (): ItemRow => ({
    sku: "A-1",
    name: "A",
    type: "product",
    priceCents: 100,
    currency: "EUR",
    status: "in_service",
    lowStockThreshold: 0,
    onHand: state.onHand,
    reserved: 0,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    version: 1,
  });
  const repository = {
    async findItem(sku: string) {
      state.reads++;
      const value = sku === "A-1" ? row() : undefined;
      if (hold) await hold;
      return value;
    },
    updateItem() {
      state.onHand++;
      return Promise.resolve(row());
    },
    insertItem() {
      return Promise.resolve(undefined);
    },
    async transaction<T>(work: (tx: never) => Promise<T>) {
      state.onHand--;
      return await work(undefined as never);
    },
  } as unknown as InventoryRepository;
  return {
    repository,
    state,
    holdReads() {
      let release!: () => void;
      hold = new Promise((resolve) => release = resolve);
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

Deno.test("[inventory] withItemCache", async (t) => {
  await t.step("answers a repeated read from memory", async () => {
    const fake = fakeRepository();
    const cached = withItemCache(fake.repository);
    assert.equal((await cached.findItem("A-1"))?.onHand, 5);
    assert.equal((await cached.findItem("A-1"))?.onHand, 5);
    assert.equal(fake.state.reads, 1);
  });

  await t.step("drops everything when a write ends", async () => {
    const fake = fakeRepository();
    const cached = withItemCache(fake.repository);
    await cached.findItem("A-1");
    await cached.transaction(() => Promise.resolve());
    assert.equal((await cached.findItem("A-1"))?.onHand, 4);
    await cached.updateItem("A-1", {}, new Date());
    assert.equal((await cached.findItem("A-1"))?.onHand, 5);
    assert.equal(fake.state.reads, 3);
  });

  await t.step("does not keep a read that raced a write", async () => {
    const fake = fakeRepository();
    const cached = withItemCache(fake.repository);
    const release = fake.holdReads();
    const read = cached.findItem("A-1"); // reads 5, then waits
    await cached.transaction(() => Promise.resolve()); // 4, committed while the read waits
    release();
    assert.equal((await read)?.onHand, 5);
    assert.equal((await cached.findItem("A-1"))?.onHand, 4);
  });

  await t.step("does not keep a read made while a write is in flight", async () => {
    const fake = fakeRepository();
    const cached = withItemCache(fake.repository);
    let finish!: () => void;
    const writing = cached.transaction(() => new Promise<void>((resolve) => finish = resolve));
    await cached.findItem("A-1");
    await cached.findItem("A-1");
    assert.equal(fake.state.reads, 2);
    finish();
    await writing;
  });

  await t.step("keeps no unknown SKU", async () => {
    const fake = fakeRepository();
    const cached = withItemCache(fake.repository);
    assert.equal(await cached.findItem("NOPE-1"), undefined);
    assert.equal(await cached.findItem("NOPE-1"), undefined);
    assert.equal(fake.state.reads, 2);
  });
});
