// Group commit in the SQLite adapter: concurrent writes share one COMMIT, each in its own savepoint.
import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RevisionConflictError } from "../errors.js";
import { EmbeddedQueue } from "../queue/embeddedQueue.js";
import { openSqliteTestStore, type TestStore } from "../../test/storeFactories.js";
import type { SqliteStore } from "./sqliteStore.js";

interface Person {
  name: string;
  age?: number;
}

describe("SqliteStore group commit [sqlite]", () => {
  let harness: TestStore<SqliteStore>;
  let store: SqliteStore;
  let queue: EmbeddedQueue | undefined;

  beforeEach(async () => {
    harness = await openSqliteTestStore();
    store = harness.store;
    await store.declare([{ name: "people", indexes: [{ fields: ["age"] }] }]);
  });
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
    await harness.cleanup();
  });

  const people = () => store.collection<Person>("people");
  /** Physical COMMITs since `before` (a `stats()` snapshot). */
  const commitsSince = (before: { commits: number }) => store.stats().commits - before.commits;

  it("acknowledges 64 concurrent standalone inserts with far fewer than 64 COMMITs", async () => {
    const before = store.stats();
    const stored = await Promise.all(
      Array.from({ length: 64 }, (_, i) => people().insert({ name: `p${i}`, age: i })),
    );
    expect(commitsSince(before)).toBeLessThanOrEqual(2);
    expect(store.stats().committed - before.committed).toBe(64);
    expect(store.stats().largestBatch).toBeGreaterThanOrEqual(32);
    expect(await people().count({})).toBe(64);
    for (const doc of stored) expect(await people().get(doc._id)).toEqual(doc);
  });

  it("caps a batch at 64 writes", async () => {
    const before = store.stats();
    await Promise.all(Array.from({ length: 200 }, (_, i) => people().insert({ name: `p${i}` })));
    expect(commitsSince(before)).toBeGreaterThanOrEqual(4);
    expect(store.stats().largestBatch).toBeLessThanOrEqual(64);
    expect(await people().count({})).toBe(200);
  });

  it("commits a lone write at once, one COMMIT per write when nothing else is waiting", async () => {
    const before = store.stats();
    for (let i = 0; i < 5; i++) await people().insert({ name: `solo${i}` });
    await store.transaction(async (tx) => tx.collection<Person>("people").insert({ name: "tx" }));
    expect(commitsSince(before)).toBe(6);
  });

  it("rolls back a throwing transaction's documents and queue rows only, and commits the rest in the same batch", async () => {
    queue = await EmbeddedQueue.open(store);
    const before = store.stats();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.collection<Person>("people").insert({ _id: `person-${i}`, name: `p${i}` });
          await queue!.enqueueIn(tx, "notify", { i }, { jobId: `job-${i}` });
          if (i === 4) throw new Error("body 4 fails");
          return i;
        }),
      ),
    );
    // One batch: the failure was isolated by a savepoint, not by a separate transaction.
    expect(commitsSince(before)).toBe(1);
    outcomes.forEach((outcome, i) => {
      if (i === 4) expect(outcome).toMatchObject({ status: "rejected", reason: { message: "body 4 fails" } });
      else expect(outcome).toEqual({ status: "fulfilled", value: i });
    });
    for (let i = 0; i < 10; i++) {
      if (i === 4) {
        expect(await people().get("person-4")).toBeNull();
        expect(await queue.getJob("job-4")).toBeNull();
      } else {
        expect(await people().get(`person-${i}`)).toMatchObject({ name: `p${i}` });
        expect(await queue.getJob(`job-${i}`)).toMatchObject({ state: "waiting" });
      }
    }
  });

  it("fails only the stale writers when a batch replaces the same revision several times", async () => {
    const doc = await people().insert({ _id: "shared", name: "v1" });
    const before = store.stats();
    const attempts = await Promise.allSettled([
      store.transaction(async (tx) => tx.collection<Person>("people").replace(doc._id, 1, { name: "tx-a" })),
      people().replace(doc._id, 1, { name: "standalone" }),
      store.transaction(async (tx) => {
        await tx.collection<Person>("people").insert({ _id: "other", name: "unrelated" });
        return tx.collection<Person>("people").replace(doc._id, 1, { name: "tx-b" });
      }),
      people().insert({ _id: "after", name: "after" }),
    ]);
    expect(commitsSince(before)).toBe(1);
    expect(attempts[0]).toMatchObject({ status: "fulfilled", value: { name: "tx-a", rev: 2 } });
    expect(attempts[1]).toMatchObject({ status: "rejected" });
    expect((attempts[1] as PromiseRejectedResult).reason).toBeInstanceOf(RevisionConflictError);
    expect((attempts[2] as PromiseRejectedResult).reason).toBeInstanceOf(RevisionConflictError);
    expect(attempts[3]).toMatchObject({ status: "fulfilled" });
    expect(await people().get(doc._id)).toMatchObject({ name: "tx-a", rev: 2 });
    // The conflicting transaction's other write went with it.
    expect(await people().get("other")).toBeNull();
    expect(await people().get("after")).not.toBeNull();
  });

  it("resolves no member before the batch's COMMIT, and reads wait for it", async () => {
    const order: string[] = [];
    const first = store.transaction(async (tx) => {
      await tx.collection<Person>("people").insert({ _id: "a", name: "a" });
      await sleep(20);
    });
    const second = store.transaction(async (tx) => {
      await tx.collection<Person>("people").insert({ _id: "b", name: "b" });
      order.push(`b ran, in transaction: ${store.db.inTransaction}`);
    });
    void first.then(() => order.push("a acknowledged"));
    const read = people()
      .count({})
      .then((n) => order.push(`read ${n}`));
    await Promise.all([first, second, read]);
    // a's acknowledgement waited for b's body: both came from the one COMMIT; the read saw both, committed.
    expect(order).toEqual(["b ran, in transaction: true", "a acknowledged", "read 2"]);
  });

  it("runs exclusive() work between batches, outside any transaction", async () => {
    const writes = Array.from({ length: 5 }, (_, i) => people().insert({ name: `p${i}` }));
    const inTransaction = store.exclusive((db) => db.inTransaction);
    await Promise.all(writes);
    expect(await inTransaction).toBe(false);
  });

  it("runs each body in its own caller's async context", async () => {
    const request = new AsyncLocalStorage<string>();
    const seen = await Promise.all(
      ["r1", "r2", "r3"].map((id) =>
        request.run(id, () => store.transaction(async () => request.getStore())),
      ),
    );
    expect(seen).toEqual(["r1", "r2", "r3"]);
  });

  it("rejects the members whose writes were lost when SQLite rolls the whole batch back, and reruns the ones not yet run", async () => {
    const before = store.stats();
    let ranC = 0;
    const [a, b, c] = await Promise.allSettled([
      people().insert({ _id: "a", name: "a" }),
      store.transaction(async (tx) => {
        // What SQLITE_FULL or an I/O error does to the outer transaction.
        (tx.native as SqliteStore["db"]).exec("ROLLBACK");
        throw new Error("disk full");
      }),
      store.transaction(async (tx) => {
        ranC++;
        return tx.collection<Person>("people").insert({ _id: "c", name: "c" });
      }),
    ]);
    expect(a).toMatchObject({ status: "rejected", reason: { message: /rolled back with its write batch/ } });
    expect(b).toMatchObject({ status: "rejected", reason: { message: "disk full" } });
    expect(c).toMatchObject({ status: "fulfilled", value: { _id: "c" } });
    expect(ranC).toBe(1);
    expect(commitsSince(before)).toBe(1);
    expect(await people().get("a")).toBeNull();
    expect(await people().get("c")).not.toBeNull();
  });
});
