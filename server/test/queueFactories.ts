/**
 * Test harness for the queue contract: a fresh queue per adapter, with the store it writes through, a way to
 * inspect jobs that does not depend on the queue under test being open, and a cleanup that removes every
 * key and file the test created. BullMQ runs against REDIS_URL with a prefix unique to the test.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { describe, it } from "vitest";
import type { Store } from "../src/ports/store.js";
import { BullmqQueue, type BullmqQueueOptions } from "../src/queue/bullmqQueue.js";
import { EmbeddedQueue, type EmbeddedQueueOptions } from "../src/queue/embeddedQueue.js";
import type { JobInfo } from "../src/queue/jobOptions.js";
import { openTestStore, storeAdapterNames, openSqliteTestStore, type TestStore } from "./storeFactories.js";

/** Where the BullMQ suites connect. */
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A queue under test and what a test needs around it. */
export interface TestQueue<Q extends EmbeddedQueue | BullmqQueue = EmbeddedQueue | BullmqQueue> {
  queue: Q;
  store: Store;
  /** The job as stored by the adapter, read through a connection of its own. */
  getJob(id: string): Promise<JobInfo | null>;
  cleanup(): Promise<void>;
}

/** One adapter as the contract suite sees it. */
export interface QueueHarness {
  name: "embedded" | "bullmq";
  /** Stores whose transactions this adapter can enqueue in. */
  storeNames: Array<"sqlite" | "mongodb">;
  open(storeName?: "sqlite" | "mongodb"): Promise<TestQueue>;
}

/** Short poll intervals keep the suite quick; wake-ups, not polls, are what the tests rely on. */
export const embeddedHarness: QueueHarness = {
  name: "embedded",
  storeNames: ["sqlite"],
  open: () => openEmbeddedTestQueue(),
};

/** The BullMQ adapter on REDIS_URL, with each store the outbox can live in. */
export const bullmqHarness: QueueHarness = {
  name: "bullmq",
  storeNames: storeAdapterNames(),
  open: (storeName = "sqlite") => openBullmqTestQueue(storeName),
};

/** An EmbeddedQueue on a fresh SQLite store in a temp directory. */
export async function openEmbeddedTestQueue(
  options: EmbeddedQueueOptions = {},
): Promise<TestQueue<EmbeddedQueue>> {
  const testStore = await openSqliteTestStore();
  const queue = await EmbeddedQueue.open(testStore.store, { pollIntervalMs: 200, ...options });
  return {
    queue,
    store: testStore.store,
    getJob: (id) => queue.getJob(id),
    async cleanup() {
      await queue.close();
      await testStore.cleanup();
    },
  };
}

/** A BullmqQueue with a unique key prefix, its outbox in a fresh store of the named adapter. */
export async function openBullmqTestQueue(
  storeName: "sqlite" | "mongodb",
  options: Partial<BullmqQueueOptions> = {},
): Promise<TestQueue<BullmqQueue> & { prefix: string; testStore: TestStore }> {
  const testStore = await openTestStore(storeName);
  const prefix = `shenbao-test-${process.pid}-${randomBytes(4).toString("hex")}`;
  const queue = await BullmqQueue.open(testStore.store, {
    redisUrl,
    prefix,
    relayIntervalMs: 200,
    ...options,
  });
  // A second, never-started queue on the same keys: it still answers after the one under test closed.
  const inspector = await BullmqQueue.open(testStore.store, {
    redisUrl,
    prefix,
    queueName: options.queueName,
  });
  return {
    queue,
    store: testStore.store,
    prefix,
    testStore,
    getJob: (id) => inspector.getJob(id),
    async cleanup() {
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
      try {
        await queue.close();
        await inspector.close();
        await deleteKeys(redis, `${prefix}:*`);
      } finally {
        redis.disconnect();
        await testStore.cleanup();
      }
    },
  };
}

/** Deletes every key matching `pattern` (SCAN, never FLUSH: the Redis is shared). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}

/** Why Redis cannot be used for the BullMQ suites, or null when it answers PING. */
export async function redisUnreachable(url = redisUrl): Promise<string | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The connect() rejection only says "Connection is closed"; the error event says why (ECONNREFUSED …).
  let cause: Error | undefined;
  client.on("error", (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return (cause ?? (error instanceof Error ? error : new Error(String(error)))).message;
  } finally {
    client.disconnect();
  }
}

/**
 * `describe` for suites that need Redis: runs them when `redisProblem` is null; otherwise fails them under
 * CI (a missing Redis there is a broken pipeline, not a pass) and reports them skipped elsewhere.
 */
export function describeWithRedis(title: string, redisProblem: string | null, body: () => void): void {
  if (redisProblem === null) {
    describe(title, body);
  } else if (process.env.CI) {
    describe(title, () => {
      it("needs Redis under CI", () => {
        throw new Error(`Redis unreachable at ${redisUrl}: ${redisProblem}`);
      });
    });
  } else {
    describe.skip(`${title} — SKIPPED: Redis unreachable at ${redisUrl} (${redisProblem})`, body);
  }
}

/** Resolves once `check` returns true, polling every 20 ms; fails with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Waits `ms`: only to give a wrong extra run the chance to show, never as an upper bound on work. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
