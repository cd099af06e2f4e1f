/**
 * What only the BullMQ adapter has to prove: job ids BullMQ would reject still work, and the outbox relay
 * loses nothing and runs nothing twice across a crash, with producer and worker in separate processes.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { JobContext } from "../ports/queue.js";
import { BullmqQueue, OUTBOX_COLLECTION, fromBullJobId, toBullJobId, type OutboxDoc } from "./bullmqQueue.js";
import {
  describeWithRedis,
  openBullmqTestQueue,
  redisUnreachable,
  redisUrl,
  sleep,
  waitFor,
  type TestQueue,
} from "../../test/queueFactories.js";
import { openSqliteTestStore } from "../../test/storeFactories.js";

describe("toBullJobId", () => {
  const ids = [
    "invitation:42:notify",
    "a:b",
    "a:b:c:d",
    "42",
    "-7",
    "0",
    "100%",
    "%3A",
    "%25",
    "任务:8",
    "x",
  ];

  it("maps every id to one BullMQ accepts: no integer, no colon", () => {
    for (const id of ids) {
      const bull = toBullJobId(id);
      expect(bull).not.toContain(":");
      expect(`${parseInt(bull, 10)}`).not.toBe(bull);
    }
  });

  it("is reversed by fromBullJobId and maps distinct ids to distinct ids", () => {
    for (const id of ids) expect(fromBullJobId(toBullJobId(id))).toBe(id);
    expect(new Set(ids.map(toBullJobId)).size).toBe(ids.length);
  });
});

describe("BullmqQueue without Redis", () => {
  it("reports itself unhealthy, fails an enqueue, and still closes promptly", async () => {
    const { store, cleanup } = await openSqliteTestStore();
    // Nothing listens on port 1: every connection attempt is refused.
    const queue = await BullmqQueue.open(store, {
      redisUrl: "redis://127.0.0.1:1",
      prefix: "shenbao-test-unreachable",
      addTimeoutMs: 500,
    });
    try {
      queue.register("notify", async () => {});
      await queue.start();
      const health = await queue.health();
      expect(health.ok).toBe(false);
      expect(health.detail).toBeTruthy();
      await expect(queue.enqueue("notify", null, { jobId: "never-added" })).rejects.toThrow(
        /did not accept job "notify"/,
      );
      await store.transaction((tx) => queue.enqueueIn(tx, "notify", null));
      await sleep(700);
      // The relay could not hand the job over, so the outbox still holds it.
      expect(await store.collection(OUTBOX_COLLECTION).count({})).toBe(1);
      const started = Date.now();
      await queue.close();
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await cleanup();
    }
  });
});

const redisProblem = await redisUnreachable();

describeWithRedis("BullmqQueue outbox relay", redisProblem, () => {
  let opened: TestQueue[] = [];
  const extra: BullmqQueue[] = [];
  afterEach(async () => {
    for (const queue of extra.splice(0)) await queue.close();
    const toClose = opened;
    opened = [];
    await Promise.all(toClose.map((q) => q.cleanup()));
  });

  it("runs a job once when a crash left its outbox document behind after the add", async () => {
    const worker = await openBullmqTestQueue("sqlite");
    opened.push(worker);
    const calls: JobContext<unknown>[] = [];
    worker.queue.register("notify", async (job) => {
      calls.push(job);
    });
    // The relay of a process that died had added the job, but not yet deleted its outbox document.
    await worker.queue.enqueue("notify", { invitationId: "inv-1" }, { jobId: "inv-1-notify" });
    await worker.store.collection<OutboxDoc>(OUTBOX_COLLECTION).insert({
      name: "notify",
      payload: { invitationId: "inv-1" },
      options: { attempts: 3, backoff: { type: "fixed", delay: 100 } },
      jobId: "inv-1-notify",
      notBefore: Date.now(),
    });

    await worker.queue.start();
    await waitFor(
      async () => (await worker.store.collection(OUTBOX_COLLECTION).count({})) === 0,
      "the outbox to drain",
    );
    await waitFor(
      async () => (await worker.getJob("inv-1-notify"))?.state === "completed",
      "the job to complete",
    );
    await sleep(500);
    expect(calls.map((c) => c.id)).toEqual(["inv-1-notify"]);
  });

  it("relays an enqueueIn of a producer that never starts to the worker of another process", async () => {
    const worker = await openBullmqTestQueue("sqlite");
    opened.push(worker);
    // The web process: same store and Redis prefix, never started, so it runs no relay of its own.
    const producer = await BullmqQueue.open(worker.store, { redisUrl, prefix: worker.prefix });
    extra.push(producer);
    const calls: JobContext<unknown>[] = [];
    worker.queue.register("notify", async (job) => {
      calls.push(job);
    });
    await worker.queue.start();

    await worker.store.transaction(async (tx) => {
      await producer.enqueueIn(tx, "notify", { invitationId: "inv-2" }, { jobId: "inv-2-notify" });
    });
    await waitFor(() => calls.length > 0, "the worker to run the job");
    expect(calls[0]).toMatchObject({ id: "inv-2-notify", payload: { invitationId: "inv-2" }, attempt: 1 });
  });

  it("counts a delay from enqueueIn, not from when the relay gets to it", async () => {
    const worker = await openBullmqTestQueue("sqlite", { relayIntervalMs: 60_000 });
    opened.push(worker);
    const ran: number[] = [];
    worker.queue.register("remind", async () => {
      ran.push(Date.now());
    });
    const enqueuedAt = Date.now();
    await worker.store.transaction(async (tx) => {
      await worker.queue.enqueueIn(tx, "remind", null, { jobId: "remind-1", delay: 1_000 });
    });
    // The relay starts late, as after a worker restart: the document has outlived its delay in the outbox.
    await sleep(1_200);
    await worker.queue.start();
    await waitFor(
      async () => (await worker.store.collection(OUTBOX_COLLECTION).count({})) === 0,
      "the outbox to drain",
    );
    // Delayed again by 1 000 ms from the relay, it would still be waiting here.
    expect((await worker.getJob("remind-1"))?.state).not.toBe("delayed");

    await waitFor(() => ran.length > 0, "the job to run");
    expect(ran[0]! - enqueuedAt).toBeGreaterThanOrEqual(1_000 - 30);
  });

  it("reports Redis in health and the outbox backlog while the relay is not running", async () => {
    const q = await openBullmqTestQueue("sqlite");
    opened.push(q);
    expect(await q.queue.health()).toEqual({ ok: true });
    await q.store.transaction((tx) => q.queue.enqueueIn(tx, "notify", null));
    expect(await q.queue.health()).toEqual({ ok: true, detail: "outbox backlog 1" });
  });
});
