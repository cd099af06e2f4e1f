/**
 * Chooses the queue adapter from configuration. BullMQ and ioredis are loaded only when configured, so the
 * embedded server starts without them.
 */
import type { Logger } from "../logger.js";
import type { Queue } from "../ports/queue.js";
import type { Store } from "../ports/store.js";

/** Which adapter to open: the embedded jobs table (needs the SQLite store) or BullMQ on Redis. */
export type QueueConfig = (
  { kind: "embedded"; leaseMs?: number } | { kind: "bullmq"; redisUrl: string; prefix?: string }
) & {
  /** Times a job may lose its process mid-run before it is failed (issue 11: a crash must not end it). */
  maxStalledCount?: number;
};

/**
 * Opens the configured queue on `deps.store` (the embedded queue's table lives in its file; BullMQ keeps
 * its transactional outbox there). Call `start()` in processes that run jobs.
 */
export async function createQueue(
  config: QueueConfig,
  deps: { store: Store; logger?: Logger },
): Promise<Queue> {
  switch (config.kind) {
    case "embedded": {
      const { SqliteStore } = await import("../store/sqliteStore.js");
      if (!(deps.store instanceof SqliteStore)) {
        throw new Error(
          `the embedded queue keeps its jobs in the SQLite store's file and needs a SqliteStore, got a "${deps.store.kind}" store; use SHENBAO_QUEUE=bullmq with that store`,
        );
      }
      const { EmbeddedQueue } = await import("./embeddedQueue.js");
      return EmbeddedQueue.open(deps.store, {
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(config.leaseMs === undefined ? {} : { leaseMs: config.leaseMs }),
        ...(config.maxStalledCount === undefined ? {} : { maxStalledCount: config.maxStalledCount }),
      });
    }
    case "bullmq": {
      const { BullmqQueue } = await import("./bullmqQueue.js");
      return BullmqQueue.open(deps.store, {
        redisUrl: config.redisUrl,
        ...(config.prefix === undefined ? {} : { prefix: config.prefix }),
        ...(config.maxStalledCount === undefined ? {} : { maxStalledCount: config.maxStalledCount }),
        ...(deps.logger ? { logger: deps.logger } : {}),
      });
    }
  }
}
