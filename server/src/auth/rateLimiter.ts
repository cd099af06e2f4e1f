/**
 * Rate limits (issue 11) with rate-limiter-flexible on the store's own backend, so every web process
 * behind the load balancer counts the same hits: the SQLite file (better-sqlite3) in the embedded mode,
 * MongoDB in production, or Redis when the queue runs on it. Each rule allows `limit` hits per `windowMs`
 * for one subject; the window starts at the subject's first hit.
 */
import type { Redis } from "ioredis";
import type { MongoClient } from "mongodb";
import {
  RateLimiterMemory,
  RateLimiterMongo,
  RateLimiterRedis,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { RateLimitedError } from "../errors.js";
import type { Store } from "../ports/store.js";
import type { SqliteStore } from "../store/sqliteStore.js";
import type { RateLimitRule } from "./authSettings.js";

/** Counts hits per rule and subject. */
export interface RateLimiter {
  /** The backend counting: "sqlite" | "mongodb" | "redis". */
  readonly kind: string;
  /**
   * Counts one hit of `subject` (already hashed: never a phone or address in clear) under `rule`, or throws
   * `RateLimitedError` with the seconds until the subject may try again.
   */
  hit(rule: RateLimitRule, subject: string): Promise<void>;
  close(): Promise<void>;
}

/** Where the counters live: the store, or Redis when one is configured for the queue. */
export type RateLimiterBackend =
  { kind: "store"; store: Store } | { kind: "redis"; url: string; prefix: string };

const TABLE = "rate_limits";
// Expired counters are swept this often; a counter is never read after its window anyway.
const SWEEP_MS = 10 * 60_000;

/** Opens the limiter on `backend`. */
export async function openRateLimiter(backend: RateLimiterBackend): Promise<RateLimiter> {
  if (backend.kind === "redis") {
    const { Redis } = await import("ioredis");
    // rate-limiter-flexible's advice for ioredis: fail at once while disconnected rather than queue hits.
    const client = new Redis(backend.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    await client.connect();
    return limiterOf(
      "redis",
      (rule) =>
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix: `${backend.prefix}:rl:${rule.name}`,
          // While Redis is unreachable each process keeps counting on its own rather than failing requests.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: rule.name, ...pointsOf(rule) }),
          ...pointsOf(rule),
        }),
      (task) => task(),
      async () => {
        await closeRedis(client);
      },
    );
  }
  const { store } = backend;
  if (store.kind === "sqlite") return openSqliteLimiter(store as SqliteStore);
  if (store.kind === "mongodb")
    return openMongoLimiter(store as Store & { client: MongoClient; db: { databaseName: string } });
  throw new Error(`no rate limiter for store ${store.kind}`);
}

async function openSqliteLimiter(store: SqliteStore): Promise<RateLimiter> {
  // Every use of the store's one connection goes through its mutex (sqliteStore.ts): a counter written
  // while a write batch is open would join that batch. So the table is made here, the library's own
  // background sweep is off, and each hit runs as an exclusive task.
  await store.exclusive((db) =>
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`,
    ),
  );
  const serialized = <R>(task: () => Promise<R>) => store.exclusive(() => task()) as Promise<R>;
  const timer = setInterval(() => {
    void store
      .exclusive((db) => db.prepare(`DELETE FROM ${TABLE} WHERE expire < ?`).run(Date.now()))
      .catch(() => undefined);
  }, SWEEP_MS);
  timer.unref();
  return limiterOf(
    "sqlite",
    (rule) =>
      new RateLimiterSQLite({
        storeClient: store.db,
        storeType: "better-sqlite3",
        tableName: TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: rule.name,
        ...pointsOf(rule),
      }),
    serialized,
    async () => clearInterval(timer),
  );
}

async function openMongoLimiter(
  store: Store & { client: MongoClient; db: { databaseName: string } },
): Promise<RateLimiter> {
  const options = {
    storeClient: store.client,
    dbName: store.db.databaseName,
    tableName: "rateLimitCounters",
  };
  // Indexes (unique key, TTL on expire) are made once here rather than by each rule's limiter in the background.
  await new RateLimiterMongo({
    ...options,
    points: 1,
    duration: 1,
    disableIndexesCreation: true,
  }).createIndexes();
  return limiterOf(
    "mongodb",
    (rule) =>
      new RateLimiterMongo({
        ...options,
        disableIndexesCreation: true,
        keyPrefix: rule.name,
        ...pointsOf(rule),
      }),
    (task) => task(),
    async () => undefined,
  );
}

function pointsOf(rule: RateLimitRule): { points: number; duration: number } {
  return { points: rule.limit, duration: Math.ceil(rule.windowMs / 1000) };
}

function limiterOf(
  kind: string,
  create: (rule: RateLimitRule) => RateLimiterAbstract,
  serialized: <R>(task: () => Promise<R>) => Promise<R>,
  close: () => Promise<void>,
): RateLimiter {
  const byRule = new Map<string, RateLimiterAbstract>();
  return {
    kind,
    async hit(rule, subject) {
      let limiter = byRule.get(rule.name);
      if (limiter === undefined) {
        limiter = create(rule);
        byRule.set(rule.name, limiter);
      }
      try {
        await serialized(() => limiter.consume(subject));
      } catch (rejection) {
        // The library rejects with its result object when the limit is reached, and with an Error otherwise.
        if (rejection instanceof RateLimiterRes) throw new RateLimitedError(rejection.msBeforeNext / 1000);
        throw rejection;
      }
    },
    close,
  };
}

async function closeRedis(client: Redis): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
