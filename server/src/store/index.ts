/**
 * Chooses the store adapter from configuration. The MongoDB driver is loaded only when configured, so
 * the embedded server starts without it.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Store } from "../ports/store.js";

/** Which adapter to open and where its data lives. */
export type StoreConfig = { kind: "sqlite"; file: string } | { kind: "mongodb"; uri: string; dbName: string };

/** Opens the configured store; collections still need `declare()` before use. */
export async function createStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case "sqlite": {
      if (config.file !== ":memory:") mkdirSync(path.dirname(config.file), { recursive: true });
      const { SqliteStore } = await import("./sqliteStore.js");
      return new SqliteStore(config.file);
    }
    case "mongodb": {
      const { MongoStore } = await import("./mongoStore.js");
      return MongoStore.connect(config.uri, config.dbName);
    }
  }
}
