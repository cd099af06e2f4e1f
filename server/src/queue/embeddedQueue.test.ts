/**
 * What only the embedded queue has to prove: its jobs survive a restart of the process, and a job left
 * active by a process that died is taken over once (and only once) its lease has expired.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobContext } from "../ports/queue.js";
import type { StoreTx } from "../ports/store.js";
import { SqliteStore } from "../store/sqliteStore.js";
import { EmbeddedQueue } from "./embeddedQueue.js";
import { sleep, waitFor } from "../../test/queueFactories.js";

describe("EmbeddedQueue", () => {
  let dir: string;
  let file: string;
  const toClose: Array<{ close(): Promise<void> }> = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-queue-"));
    file = path.join(dir, "store.sqlite");
  });

  afterEach(async () => {
    // Queues before their store, newest first: a queue may still write to its store while closing.
    for (const item of toClose.splice(0).reverse()) await item.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Opens the store file and a queue on it, as a (re)started process would. */
  async function boot(options: { pollIntervalMs?: number; maxStalledCount?: number } = {}) {
    const store = new SqliteStore(file);
    toClose.push(store);
    const queue = await EmbeddedQueue.open(store, { pollIntervalMs: 100, ...options });
    toClose.push(queue);
    const calls: JobContext<unknown>[] = [];
    queue.register("notify", async (job) => {
      calls.push(job);
    });
    return { store, queue, calls };
  }

  /** Leaves the row as a process that claimed it and then died would: active, under a lease of its own. */
  async function claimAsDeadProcess(store: SqliteStore, jobId: string, leaseUntil: number, stalledCount = 0) {
    await store.exclusive((db) =>
      db
        .prepare(
          "UPDATE queue_jobs SET state = 'active', lease_token = 'dead-process', lease_until = ?, stalled_count = ? WHERE id = ?",
        )
        .run(leaseUntil, stalledCount, jobId),
    );
  }

  it("keeps an enqueued job across a restart and runs it in the next process", async () => {
    const first = await boot();
    await first.queue.enqueue("notify", { invitationId: "inv-1" }, { jobId: "inv-1-notify" });
    await first.queue.close();
    await first.store.close();

    const second = await boot();
    await second.queue.start();
    await waitFor(() => second.calls.length > 0, "the job to run after the restart");
    expect(second.calls[0]).toMatchObject({
      id: "inv-1-notify",
      payload: { invitationId: "inv-1" },
      attempt: 1,
    });
  });

  it("runs a job whose process died while running it, once its lease has expired", async () => {
    const first = await boot();
    await first.queue.enqueue("notify", { invitationId: "inv-2" }, { jobId: "inv-2-notify" });
    await claimAsDeadProcess(first.store, "inv-2-notify", Date.now() - 1_000);
    await first.queue.close();
    await first.store.close();

    const second = await boot();
    await second.queue.start();
    await waitFor(
      async () => (await second.queue.getJob("inv-2-notify"))?.state === "completed",
      "the job to complete",
    );
    await sleep(300);
    // The dead process never finished its run, so it does not count as an attempt.
    expect(second.calls.map((c) => c.attempt)).toEqual([1]);
    expect(await second.queue.getJob("inv-2-notify")).toMatchObject({ state: "completed", attemptsMade: 1 });
  });

  it("leaves a job alone while the lease of the process running it is still valid", async () => {
    const { store, queue, calls } = await boot();
    await queue.enqueue("notify", {}, { jobId: "inv-3-notify" });
    await claimAsDeadProcess(store, "inv-3-notify", Date.now() + 60_000);
    await queue.start();

    await sleep(600);
    expect(calls).toHaveLength(0);
    expect(await queue.getJob("inv-3-notify")).toMatchObject({ state: "active" });
  });

  it("fails a job whose process died more often than maxStalledCount allows, without running it", async () => {
    const { store, queue, calls } = await boot({ maxStalledCount: 1 });
    await queue.enqueue("notify", {}, { jobId: "inv-4-notify" });
    await claimAsDeadProcess(store, "inv-4-notify", Date.now() - 1_000, 1);
    await queue.start();

    await waitFor(async () => (await queue.getJob("inv-4-notify"))?.state === "failed", "the job to fail");
    expect(calls).toHaveLength(0);
    expect((await queue.getJob("inv-4-notify"))?.lastError).toMatch(/lease expired/);
  });

  it("renews the lease of a handler that runs longer than the lease, so another process never takes it over", async () => {
    const store = new SqliteStore(file);
    toClose.push(store);
    let runs = 0;
    // Two queues on one file stand for two processes; only a lease that is renewed keeps the second out.
    const [running, other] = await Promise.all(
      [0, 1].map(() => EmbeddedQueue.open(store, { pollIntervalMs: 50, leaseMs: 300 })),
    );
    for (const queue of [running!, other!]) {
      toClose.push(queue);
      queue.register("slow", async () => {
        runs += 1;
        await sleep(1_200);
      });
    }
    await running!.start();
    await running!.enqueue("slow", null, { jobId: "slow-1" });
    await waitFor(() => runs === 1, "the first process to start the job");
    await other!.start();

    await waitFor(
      async () => (await running!.getJob("slow-1"))?.state === "completed",
      "the job to complete",
    );
    expect(runs).toBe(1);
  });

  it("prunes finished jobs past their retention when it starts, after which their id runs again", async () => {
    const first = await boot();
    await first.queue.start();
    await first.queue.enqueue("notify", { n: 1 }, { jobId: "inv-5-notify" });
    await waitFor(
      async () => (await first.queue.getJob("inv-5-notify"))?.state === "completed",
      "the job to complete",
    );
    await first.queue.close();
    await first.store.close();

    const store = new SqliteStore(file);
    toClose.push(store);
    const queue = await EmbeddedQueue.open(store, {
      pollIntervalMs: 100,
      retention: { completedMs: 0, failedMs: 0 },
    });
    toClose.push(queue);
    const calls: JobContext<unknown>[] = [];
    queue.register("notify", async (job) => {
      calls.push(job);
    });
    await queue.start();
    await waitFor(async () => (await queue.getJob("inv-5-notify")) === null, "the finished job to be pruned");
    await queue.enqueue("notify", { n: 2 }, { jobId: "inv-5-notify" });
    await waitFor(() => calls.length > 0, "the reused id to run");
    expect(calls[0]).toMatchObject({ payload: { n: 2 } });
  });

  it("refuses enqueueIn after its transaction has ended", async () => {
    const { store, queue } = await boot();
    let leaked: StoreTx | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(queue.enqueueIn(leaked!, "notify", {})).rejects.toThrow(/after its transaction ended/);
  });

  it("refuses enqueueIn with a transaction that is not of its store", async () => {
    const { queue } = await boot();
    const foreign: StoreTx = {
      native: {},
      collection: () => {
        throw new Error("not used");
      },
    };
    await expect(queue.enqueueIn(foreign, "notify", {})).rejects.toThrow(
      /SqliteStore the queue was opened on/,
    );
  });

  it("rejects nonsense options at the caller", async () => {
    const { queue } = await boot();
    await expect(queue.enqueue("notify", {}, { attempts: 0 })).rejects.toThrow(/attempts/);
    await expect(queue.enqueue("notify", {}, { delay: -1 })).rejects.toThrow(/delay/);
    await expect(queue.enqueue("notify", {}, { jobId: "" })).rejects.toThrow(/jobId/);
    expect(() => queue.register("notify", async () => {})).toThrow(/already registered/);
  });
});
