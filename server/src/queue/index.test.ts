/** createQueue: picks the adapter from configuration and refuses a combination that cannot work. */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import type { Store } from "../ports/store.js";
import { createQueue } from "./index.js";
import { deleteKeys, describeWithRedis, redisUnreachable, redisUrl } from "../../test/queueFactories.js";
import { openSqliteTestStore } from "../../test/storeFactories.js";

describe("createQueue", () => {
  it("opens the embedded queue on a SqliteStore", async () => {
    const { store, cleanup } = await openSqliteTestStore();
    try {
      const queue = await createQueue({ kind: "embedded" }, { store });
      expect(queue.kind).toBe("embedded");
      expect(await queue.health()).toMatchObject({ ok: true });
      await queue.close();
    } finally {
      await cleanup();
    }
  });

  it("refuses the embedded queue on a store that is not SQLite, saying why", async () => {
    const mongoLike = { kind: "mongodb" } as unknown as Store;
    await expect(createQueue({ kind: "embedded" }, { store: mongoLike })).rejects.toThrow(
      /embedded queue .* needs a SqliteStore, got a "mongodb" store/,
    );
  });
});

const redisProblem = await redisUnreachable();

describeWithRedis("createQueue [bullmq]", redisProblem, () => {
  it("opens the BullMQ queue with the given prefix and reports Redis healthy", async () => {
    const { store, cleanup } = await openSqliteTestStore();
    const prefix = `shenbao-test-${process.pid}-${randomBytes(4).toString("hex")}`;
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    try {
      const queue = await createQueue({ kind: "bullmq", redisUrl, prefix }, { store });
      expect(queue.kind).toBe("bullmq");
      expect(await queue.health()).toEqual({ ok: true });
      await queue.enqueue("notify", { invitationId: "inv-1" }, { jobId: "inv-1-notify" });
      expect(await redis.exists(`${prefix}:jobs:inv-1-notify`)).toBe(1);
      await queue.close();
    } finally {
      await deleteKeys(redis, `${prefix}:*`);
      redis.disconnect();
      await cleanup();
    }
  });
});
