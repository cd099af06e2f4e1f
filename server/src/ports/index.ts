/**
 * Builds the ports (store, queue, files) chosen by configuration: the embedded defaults need nothing but
 * the data directory; the production lane points at MongoDB and Redis.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Env } from "../env.js";
import type { Logger } from "../logger.js";
import { createStore } from "../store/index.js";
import { createQueue } from "../queue/index.js";
import { createFiles } from "../files/index.js";
import type { Store } from "./store.js";
import type { Queue } from "./queue.js";
import type { Files } from "./files.js";

/** Everything a command or task may touch outside its own memory. */
export interface Ports {
  store: Store;
  queue: Queue;
  files: Files;
}

/** Opens the adapters named by `env`; the caller closes them with `closePorts`. */
export async function createPorts(env: Env, logger: Logger): Promise<Ports> {
  mkdirSync(env.dataDir, { recursive: true });
  const store = await createStore(
    env.SHENBAO_STORE === "mongodb"
      ? { kind: "mongodb", uri: env.MONGODB_URI!, dbName: env.MONGODB_DB }
      : { kind: "sqlite", file: path.join(env.dataDir, "shenbao.sqlite") },
  );
  const queue = await createQueue(
    env.SHENBAO_QUEUE === "bullmq"
      ? {
          kind: "bullmq",
          redisUrl: env.REDIS_URL!,
          prefix: env.SHENBAO_QUEUE_PREFIX,
          maxStalledCount: env.SHENBAO_QUEUE_MAX_STALLED,
        }
      : {
          kind: "embedded",
          leaseMs: env.SHENBAO_QUEUE_LEASE_MS,
          maxStalledCount: env.SHENBAO_QUEUE_MAX_STALLED,
        },
    { store, logger: logger.child({ port: "queue" }) },
  );
  const files = await createFiles(
    env.SHENBAO_FILES === "gridfs"
      ? { kind: "gridfs", uri: env.MONGODB_URI!, dbName: env.MONGODB_DB }
      : { kind: "folder", dir: path.join(env.dataDir, "files") },
  );
  return { store, queue, files };
}

/** Closes in dependency order: the queue first (it may still write to the store), the store last. */
export async function closePorts(ports: Ports): Promise<void> {
  await ports.queue.close();
  await ports.files.close();
  await ports.store.close();
}
