/**
 * Test harness: one fresh, empty store per adapter that can start here. SQLite always (a temp file),
 * MongoDB against MONGODB_URI (the global setup always provides one) in a database unique to the caller.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Store } from "../src/ports/store.js";
import { MongoStore } from "../src/store/mongoStore.js";
import { SqliteStore } from "../src/store/sqliteStore.js";

/** A store under test, the adapter's name for `describe` titles, and how to remove what it created. */
export interface TestStore<S extends Store = Store> {
  name: string;
  store: S;
  cleanup(): Promise<void>;
}

/** True when MongoDB is the partial-parity jongodb test server rather than a real mongod. */
export const jongodbLane = process.env.SHENBAO_MONGODB_LANE === "jongodb";

/** The adapters the contract suites run against, by name; MongoDB only when a URI is available. */
export function storeAdapterNames(): Array<"sqlite" | "mongodb"> {
  return process.env.MONGODB_URI ? ["sqlite", "mongodb"] : ["sqlite"];
}

/** Opens a fresh store of the named adapter. */
export async function openTestStore(name: "sqlite" | "mongodb"): Promise<TestStore> {
  return name === "sqlite" ? openSqliteTestStore() : openMongoTestStore();
}

/** Opens a fresh store for every adapter that can start here. */
export async function openTestStores(): Promise<TestStore[]> {
  return Promise.all(storeAdapterNames().map(openTestStore));
}

/** A SqliteStore on a new file in its own temp directory, removed by `cleanup`. */
export async function openSqliteTestStore(): Promise<TestStore<SqliteStore>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-store-"));
  const store = new SqliteStore(path.join(dir, "store.sqlite"));
  return {
    name: "sqlite",
    store,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A MongoStore on a database named for this run only, dropped by `cleanup`. */
export async function openMongoTestStore(uri = process.env.MONGODB_URI): Promise<TestStore<MongoStore>> {
  if (!uri) throw new Error("MONGODB_URI is not set");
  const dbName = `shenbao_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const store = await MongoStore.connect(uri, dbName, { serverSelectionTimeoutMS: 10_000 });
  return {
    name: "mongodb",
    store,
    async cleanup() {
      try {
        await store.db.dropDatabase();
      } catch (error) {
        // jongodb has no dropDatabase (CommandNotFound); its data lives in memory and dies with the run.
        if ((error as { code?: unknown }).code !== 59) throw error;
      } finally {
        await store.close();
      }
    },
  };
}
