// The store port's contract, run once per adapter (SQLite always, MongoDB at MONGODB_URI).
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AppendOnlyError,
  DuplicateKeyError,
  InvalidCursorError,
  NotFoundError,
  RevisionConflictError,
  UnindexedQueryError,
} from "../errors.js";
import type { CollectionSpec, Filter, FindOptions, Store, Stored } from "../ports/store.js";
import { jongodbLane, openTestStore, storeAdapterNames, type TestStore } from "../../test/storeFactories.js";
import type { SqliteStore } from "./sqliteStore.js";

interface Person {
  email?: string;
  name: string;
  age?: number;
  city?: string;
  active?: boolean;
  profile?: { level: number };
  note?: string;
}

interface Note {
  personId: string;
  text: string;
}

const SPECS: CollectionSpec[] = [
  {
    name: "people",
    indexes: [
      { fields: ["email"], unique: true },
      { fields: ["age"] },
      { fields: ["city", "age"] },
      { fields: ["active"] },
      { fields: ["profile.level"] },
    ],
  },
  { name: "notes", indexes: [{ fields: ["personId"] }] },
  { name: "events", indexes: [{ fields: ["at"] }], appendOnly: true },
];

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

for (const adapter of storeAdapterNames()) {
  describe(`store contract [${adapter}]`, () => {
    let harness: TestStore;
    let store: Store;

    beforeEach(async () => {
      harness = await openTestStore(adapter);
      store = harness.store;
      await store.declare(SPECS);
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    const people = () => store.collection<Person>("people");
    const notes = () => store.collection<Note>("notes");
    // jongodb (the test MongoDB) does not isolate concurrent transactions: no write conflicts, so two can
    // both win the same revision. Concurrency tests run on SQLite and on a real mongod.
    const concurrentIt = it.skipIf(adapter === "mongodb" && jongodbLane);

    describe("append-only collections (REV-6)", () => {
      it("refuses to replace or delete a document, inside a transaction or not, and keeps it as written", async () => {
        const events = store.collection<{ at: number; what: string }>("events");
        const event = await events.insert({ at: 1, what: "submitted" });
        await expect(events.replace(event._id, 1, { at: 1, what: "forged" })).rejects.toBeInstanceOf(
          AppendOnlyError,
        );
        await expect(events.delete(event._id)).rejects.toBeInstanceOf(AppendOnlyError);
        await expect(
          store.transaction((tx) => tx.collection("events").delete(event._id, 1)),
        ).rejects.toBeInstanceOf(AppendOnlyError);
        expect((await events.get(event._id))?.what).toBe("submitted");
        expect((await events.find({ at: 1 })).items).toHaveLength(1);
      });

      if (adapter === "sqlite") {
        it("refuses an UPDATE or DELETE run on the SQLite table directly", async () => {
          const events = store.collection<{ at: number; what: string }>("events");
          const event = await events.insert({ at: 2, what: "submitted" });
          const sqlite = store as SqliteStore;
          await expect(
            sqlite.exclusive((db) => db.prepare(`DELETE FROM "doc_events" WHERE _id = ?`).run(event._id)),
          ).rejects.toThrow(/append-only/);
          expect((await events.get(event._id))?.what).toBe("submitted");
        });
      }
    });

    /** Every page of a listing, following `next` until it is absent. */
    async function allPages(filter: Filter, options: FindOptions): Promise<Stored<Person>[][]> {
      const pages: Stored<Person>[][] = [];
      let cursor: string | undefined;
      do {
        const page = await people().find(filter, { ...options, ...(cursor ? { cursor } : {}) });
        pages.push(page.items);
        cursor = page.next;
        if (pages.length > 100) throw new Error("paging does not terminate");
      } while (cursor);
      return pages;
    }

    describe("insert and get", () => {
      it("stores the fields with revision 1 and ISO timestamps, and reads them back", async () => {
        const stored = await people().insert({ name: "张三", age: 40, profile: { level: 2 } });
        expect(stored).toMatchObject({ name: "张三", age: 40, profile: { level: 2 }, rev: 1 });
        expect(stored.createdAt).toMatch(ISO);
        expect(stored.updatedAt).toBe(stored.createdAt);
        expect(await people().get(stored._id)).toEqual(stored);
      });

      it("returns null for an unknown id", async () => {
        expect(await people().get("no-such-id")).toBeNull();
      });

      it("generates distinct ids that sort in creation order", async () => {
        const ids: string[] = [];
        for (let i = 0; i < 30; i++) ids.push((await people().insert({ name: `p${i}` }))._id);
        expect(new Set(ids).size).toBe(30);
        expect([...ids].sort()).toEqual(ids);
      });

      it("keeps a given _id and discards metadata passed in", async () => {
        const stored = await people().insert({
          _id: "person-1",
          name: "李四",
          ...({ rev: 7, createdAt: "1999-01-01T00:00:00.000Z" } as object),
        });
        expect(stored).toMatchObject({ _id: "person-1", rev: 1 });
        expect(stored.createdAt).not.toBe("1999-01-01T00:00:00.000Z");
        expect(await people().get("person-1")).toEqual(stored);
      });

      it("rejects a second document with the same _id", async () => {
        await people().insert({ _id: "same", name: "first" });
        await expect(people().insert({ _id: "same", name: "second" })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect((await people().get("same"))?.name).toBe("first");
      });
    });

    describe("replace", () => {
      it("increments rev, keeps _id and createdAt, replaces the fields", async () => {
        const first = await people().insert({ name: "王五", age: 30, note: "old" });
        await sleep(5);
        const second = await people().replace(first._id, 1, { name: "王五", age: 31 });
        expect(second).toMatchObject({ _id: first._id, rev: 2, age: 31, createdAt: first.createdAt });
        expect(second).not.toHaveProperty("note");
        expect(second.updatedAt > first.updatedAt).toBe(true);
        expect(await people().get(first._id)).toEqual(second);
        const third = await people().replace(first._id, 2, { ...second, age: 32, rev: 99 } as Person);
        expect(third.rev).toBe(3);
      });

      it("rejects a stale rev and leaves the document unchanged", async () => {
        const first = await people().insert({ name: "赵六", age: 50 });
        const second = await people().replace(first._id, 1, { name: "赵六", age: 51 });
        const stale = people().replace(first._id, 1, { name: "赵六", age: 99 });
        await expect(stale).rejects.toBeInstanceOf(RevisionConflictError);
        expect(await people().get(first._id)).toEqual(second);
      });

      it("throws NotFoundError for a missing document", async () => {
        await expect(people().replace("missing", 1, { name: "x" })).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe("unique indexes", () => {
      it("rejects an insert that repeats a unique value and keeps the first document", async () => {
        const first = await people().insert({ name: "a", email: "a@example.cn" });
        const error = await people()
          .insert({ name: "b", email: "a@example.cn" })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect((error as DuplicateKeyError).details).toMatchObject({
          collection: "people",
          fields: ["email"],
        });
        expect(await people().count({ email: "a@example.cn" })).toBe(1);
        expect(await people().get(first._id)).toEqual(first);
      });

      it("rejects a replace that takes another document's unique value", async () => {
        await people().insert({ name: "a", email: "a@example.cn" });
        const b = await people().insert({ name: "b", email: "b@example.cn" });
        await expect(people().replace(b._id, 1, { name: "b", email: "a@example.cn" })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await people().get(b._id)).toEqual(b);
      });

      it("lets any number of documents lack the unique field", async () => {
        await people().insert({ name: "no email 1" });
        await people().insert({ name: "no email 2" });
        expect(await people().count({})).toBe(2);
      });
    });

    describe("find and count", () => {
      async function seed(): Promise<Stored<Person>[]> {
        const rows: Person[] = [
          { name: "a", age: 20, city: "武汉", active: true, profile: { level: 1 } },
          { name: "b", age: 35, city: "武汉", active: false, profile: { level: 3 } },
          { name: "c", age: 35, city: "宜昌", active: true, profile: { level: 2 } },
          { name: "d", age: 50, city: "襄阳", active: true },
          { name: "e", city: "武汉" },
        ];
        const stored: Stored<Person>[] = [];
        for (const row of rows) stored.push(await people().insert(row));
        return stored;
      }
      const names = (items: Stored<Person>[]) => items.map((item) => item.name);

      it("filters by equality, including booleans and dotted fields", async () => {
        await seed();
        expect(names((await people().find({ city: "武汉" }, { sort: { age: 1 } })).items)).toEqual([
          "e",
          "a",
          "b",
        ]);
        expect(names((await people().find({ active: true })).items).sort()).toEqual(["a", "c", "d"]);
        expect(names((await people().find({ "profile.level": 3 })).items)).toEqual(["b"]);
      });

      it("treats null as null-or-missing", async () => {
        await seed();
        expect(names((await people().find({ age: null })).items)).toEqual(["e"]);
        expect(
          names((await people().find({ age: { $in: [null, 50] } }, { sort: { age: 1 } })).items),
        ).toEqual(["e", "d"]);
      });

      it("filters by $in and by ranges, combined with AND", async () => {
        await seed();
        const byCity = await people().find({ city: { $in: ["宜昌", "襄阳"] } }, { sort: { city: 1 } });
        expect(names(byCity.items).sort()).toEqual(["c", "d"]);
        expect(names((await people().find({ age: { $gte: 35, $lt: 50 } })).items).sort()).toEqual(["b", "c"]);
        expect(names((await people().find({ age: { $gt: 35 } })).items)).toEqual(["d"]);
        expect(names((await people().find({ age: { $lte: 20 } })).items)).toEqual(["a"]);
        expect(names((await people().find({ city: "武汉", age: { $gt: 20 } })).items)).toEqual(["b"]);
        expect(names((await people().find({ _id: { $in: [] } })).items)).toEqual([]);
      });

      it("sorts ascending and descending with _id breaking ties, and limits", async () => {
        const stored = await seed();
        const desc = await people().find({ age: { $gte: 0 } }, { sort: { age: -1 } });
        const [b, c] = [stored[1]!, stored[2]!];
        const tie = b._id < c._id ? ["b", "c"] : ["c", "b"];
        expect(names(desc.items)).toEqual(["d", ...tie, "a"]);
        const limited = await people().find({}, { sort: { age: 1 }, limit: 2 });
        expect(names(limited.items)).toEqual(["e", "a"]);
        expect(limited.next).toBeTypeOf("string");
        const all = await people().find({}, { sort: { age: 1 }, limit: 5 });
        expect(all.items).toHaveLength(5);
        expect(all.next).toBeUndefined();
      });

      it("counts the documents a filter matches", async () => {
        await seed();
        expect(await people().count({})).toBe(5);
        expect(await people().count({ city: "武汉" })).toBe(3);
        expect(await people().count({ age: { $gte: 35 } })).toBe(3);
        expect(await people().count({ city: "北京" })).toBe(0);
      });

      it("rejects filters and sorts on fields no index declares", async () => {
        await seed();
        await expect(people().find({ name: "a" })).rejects.toBeInstanceOf(UnindexedQueryError);
        await expect(people().find({}, { sort: { name: 1 } })).rejects.toBeInstanceOf(UnindexedQueryError);
        await expect(people().count({ note: "x" })).rejects.toBeInstanceOf(UnindexedQueryError);
      });
    });

    describe("cursor paging", () => {
      /** 23 people, ages with ties and some missing, so pages split inside groups of equal keys. */
      async function seedMany(): Promise<Stored<Person>[]> {
        const stored: Stored<Person>[] = [];
        for (let i = 0; i < 23; i++) {
          const person: Person = { name: `n${String(i).padStart(2, "0")}`, city: i % 2 ? "武汉" : "宜昌" };
          if (i % 6 !== 0) person.age = 20 + (i % 4);
          stored.push(await people().insert(person));
        }
        return stored;
      }

      /** The expected order: the sort key (missing first ascending, last descending), then _id ascending. */
      function expectedOrder(stored: Stored<Person>[], dir: 1 | -1): string[] {
        const key = (p: Person) => (p.age === undefined ? -Infinity : p.age);
        return [...stored]
          .sort((x, y) => (key(x) - key(y)) * dir || (x._id < y._id ? -1 : 1))
          .map((p) => p._id);
      }

      for (const dir of [1, -1] as const) {
        it(`covers every document exactly once in order, sorting by age ${dir === 1 ? "ascending" : "descending"}`, async () => {
          const stored = await seedMany();
          const pages = await allPages({}, { sort: { age: dir }, limit: 4 });
          expect(pages).toHaveLength(6);
          expect(pages.slice(0, -1).every((page) => page.length === 4)).toBe(true);
          expect(pages.flat().map((p) => p._id)).toEqual(expectedOrder(stored, dir));
        });
      }

      it("pages a filtered listing on a compound sort", async () => {
        const stored = await seedMany();
        const pages = await allPages({ city: "武汉" }, { sort: { city: 1, age: -1 }, limit: 3 });
        const wuhan = stored.filter((p) => p.city === "武汉");
        expect(pages.flat().map((p) => p._id)).toEqual(expectedOrder(wuhan, -1));
      });

      it("pages by _id when no sort is given", async () => {
        const stored = await seedMany();
        const pages = await allPages({}, { limit: 10 });
        expect(pages.map((page) => page.length)).toEqual([10, 10, 3]);
        expect(pages.flat().map((p) => p._id)).toEqual(stored.map((p) => p._id).sort());
      });

      it("refuses a cursor from another sort order, and garbage", async () => {
        await seedMany();
        const { next } = await people().find({}, { sort: { age: 1 }, limit: 2 });
        await expect(
          people().find({}, { sort: { age: -1 }, limit: 2, cursor: next! }),
        ).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(people().find({}, { limit: 2, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      });
    });

    describe("delete", () => {
      it("deletes with the current rev, refuses a stale one, and reports absence", async () => {
        const person = await people().insert({ name: "x" });
        const updated = await people().replace(person._id, 1, { name: "y" });
        await expect(people().delete(person._id, 1)).rejects.toBeInstanceOf(RevisionConflictError);
        expect(await people().get(person._id)).toEqual(updated);
        expect(await people().delete(person._id, 2)).toBe(true);
        expect(await people().get(person._id)).toBeNull();
        expect(await people().delete(person._id, 2)).toBe(false);
        expect(await people().delete(person._id)).toBe(false);
      });

      it("deletes without a rev", async () => {
        const person = await people().insert({ name: "x" });
        expect(await people().delete(person._id)).toBe(true);
        expect(await people().count({})).toBe(0);
      });
    });

    describe("transactions", () => {
      it("commits writes to two collections together and returns the body's value", async () => {
        const existing = await people().insert({ name: "before" });
        const result = await store.transaction(async (tx) => {
          const person = await tx.collection<Person>("people").insert({ name: "in tx" });
          await tx.collection<Note>("notes").insert({ personId: person._id, text: "hello" });
          await tx.collection<Person>("people").replace(existing._id, 1, { name: "after" });
          return person._id;
        });
        expect((await people().get(result))?.name).toBe("in tx");
        expect((await notes().find({ personId: result })).items.map((n) => n.text)).toEqual(["hello"]);
        expect(await people().get(existing._id)).toMatchObject({ name: "after", rev: 2 });
      });

      it("rolls back every write in both collections when the body throws", async () => {
        const existing = await people().insert({ name: "before" });
        const failure = new Error("boom");
        let insertedId = "";
        const attempt = store.transaction(async (tx) => {
          insertedId = (await tx.collection<Person>("people").insert({ name: "ghost" }))._id;
          await tx.collection<Note>("notes").insert({ personId: insertedId, text: "ghost note" });
          await tx.collection<Person>("people").replace(existing._id, 1, { name: "changed" });
          expect(await tx.collection<Person>("people").get(insertedId)).not.toBeNull();
          throw failure;
        });
        await expect(attempt).rejects.toBe(failure);
        expect(insertedId).not.toBe("");
        expect(await people().get(insertedId)).toBeNull();
        expect(await notes().count({})).toBe(0);
        expect(await people().get(existing._id)).toEqual(existing);
      });

      it("rolls back when a write inside fails on a unique index", async () => {
        await people().insert({ name: "owner", email: "taken@example.cn" });
        const attempt = store.transaction(async (tx) => {
          await tx.collection<Note>("notes").insert({ personId: "p", text: "orphan" });
          await tx.collection<Person>("people").insert({ name: "dup", email: "taken@example.cn" });
        });
        await expect(attempt).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await notes().count({})).toBe(0);
        expect(await people().count({})).toBe(1);
      });

      concurrentIt("commits many concurrent transactions, each with exactly its own writes", async () => {
        const ids = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.transaction(async (tx) => {
              const person = await tx.collection<Person>("people").insert({ name: `c${i}`, age: i });
              await tx.collection<Note>("notes").insert({ personId: person._id, text: `note ${i}` });
              return person._id;
            }),
          ),
        );
        expect(new Set(ids).size).toBe(20);
        expect(await people().count({})).toBe(20);
        for (const [i, id] of ids.entries()) {
          expect(await people().get(id)).toMatchObject({ name: `c${i}`, age: i, rev: 1 });
          expect((await notes().find({ personId: id })).items.map((n) => n.text)).toEqual([`note ${i}`]);
        }
      });

      concurrentIt("rolls back only the throwing one of concurrent transactions", async () => {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.transaction(async (tx) => {
              await tx.collection<Person>("people").insert({ _id: `p${i}`, name: `p${i}` });
              await tx.collection<Note>("notes").insert({ personId: `p${i}`, text: "x" });
              if (i === 3) throw new Error("three fails");
            }),
          ),
        );
        expect(outcomes.map((outcome) => outcome.status)).toEqual(
          Array.from({ length: 8 }, (_, i) => (i === 3 ? "rejected" : "fulfilled")),
        );
        expect(await people().get("p3")).toBeNull();
        expect(await notes().count({ personId: "p3" })).toBe(0);
        expect(await people().count({})).toBe(7);
        expect(await notes().count({})).toBe(7);
      });

      concurrentIt(
        "fails only the stale ones of concurrent transactions replacing the same revision",
        async () => {
          const doc = await people().insert({ name: "v1", age: 0 });
          const outcomes = await Promise.allSettled(
            Array.from({ length: 4 }, (_, i) =>
              store.transaction(async (tx) => {
                await tx.collection<Note>("notes").insert({ personId: doc._id, text: `attempt ${i}` });
                return tx.collection<Person>("people").replace(doc._id, 1, { name: `v2 by ${i}`, age: i });
              }),
            ),
          );
          const won = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
          const lost = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(3);
          for (const error of lost) expect(error).toBeInstanceOf(RevisionConflictError);
          expect(await people().get(doc._id)).toEqual(won[0]);
          // Each loser's note went with it.
          expect((await notes().find({ personId: doc._id })).items.map((n) => n.text)).toEqual([
            `attempt ${won[0]!.age}`,
          ]);
        },
      );
    });

    if (adapter === "sqlite") {
      describe("serialization of the shared connection", () => {
        const sqlite = () => store as SqliteStore;

        it("runs concurrent transactions one after another, never interleaved", async () => {
          const counter = await people().insert({ _id: "counter", name: "counter", age: 0 });
          const events: string[] = [];
          await Promise.all(
            Array.from({ length: 5 }, (_, i) =>
              store.transaction(async (tx) => {
                events.push(`start ${i}`);
                const current = (await tx.collection<Person>("people").get(counter._id))!;
                await sleep(10);
                await tx.collection<Person>("people").replace(current._id, current.rev, {
                  name: "counter",
                  age: current.age! + 1,
                });
                events.push(`end ${i}`);
              }),
            ),
          );
          expect(events).toEqual([0, 1, 2, 3, 4].flatMap((i) => [`start ${i}`, `end ${i}`]));
          expect(await people().get(counter._id)).toMatchObject({ age: 5, rev: 6 });
        });

        it("makes outside reads wait for an open transaction instead of seeing its writes", async () => {
          let insertedId = "";
          let markInserted!: () => void;
          const inserted = new Promise<void>((resolve) => (markInserted = resolve));
          const attempt = store.transaction(async (tx) => {
            insertedId = (await tx.collection<Person>("people").insert({ name: "uncommitted" }))._id;
            markInserted();
            await sleep(30);
            throw new Error("roll back");
          });
          await inserted;
          const outside = people().get(insertedId);
          const outsideCount = people().count({});
          await expect(attempt).rejects.toThrow("roll back");
          expect(await outside).toBeNull();
          expect(await outsideCount).toBe(0);
        });

        it("fails fast, not deadlocked, when the body uses the outer store", async () => {
          const attempt = store.transaction(async () => {
            await people().insert({ name: "outside" });
          });
          await expect(attempt).rejects.toThrow(/inside a transaction body/);
          expect(await people().count({})).toBe(0);
        });

        it("hands the queue the same connection inside a transaction and serializes exclusive()", async () => {
          const order: string[] = [];
          const tx = store.transaction(async (t) => {
            expect(t.native).toBe(sqlite().db);
            sqlite().db.prepare("CREATE TABLE IF NOT EXISTS jobs_probe (id TEXT)").run();
            (t.native as SqliteStore["db"]).prepare("INSERT INTO jobs_probe (id) VALUES ('j1')").run();
            await sleep(20);
            order.push("tx");
          });
          const exclusive = sqlite().exclusive((db) => {
            order.push("exclusive");
            return db.prepare("SELECT count(*) AS n FROM jobs_probe").get() as { n: number };
          });
          await tx;
          expect(await exclusive).toEqual({ n: 1 });
          expect(order).toEqual(["tx", "exclusive"]);
        });

        it("rolls back and rejects an exclusive() callback that leaves a transaction open", async () => {
          await expect(
            sqlite().exclusive((db) => {
              db.exec("BEGIN");
              db.prepare("CREATE TABLE leaked (id TEXT)").run();
            }),
          ).rejects.toThrow(/left a transaction open/);
          const tables = await sqlite().exclusive((db) =>
            db.prepare("SELECT name FROM sqlite_master WHERE name = 'leaked'").all(),
          );
          expect(tables).toEqual([]);
          expect(await people().insert({ name: "still works" })).toMatchObject({ rev: 1 });
        });

        it("refuses writes through a transaction's collection after it ended", async () => {
          let leaked: ReturnType<typeof people> | undefined;
          await store.transaction(async (tx) => {
            leaked = tx.collection<Person>("people");
          });
          await expect(leaked!.insert({ name: "late" })).rejects.toThrow(/already ended/);
        });
      });
    }
  });
}
