/**
 * The queue port's contract, run once per adapter: embedded always, BullMQ against REDIS_URL (the suite
 * fails under CI when Redis is unreachable, and is reported as skipped elsewhere).
 */
import { afterEach, describe, expect, it } from "vitest";
import { PermanentJobError } from "../errors.js";
import type { JobContext } from "../ports/queue.js";
import {
  bullmqHarness,
  describeWithRedis,
  embeddedHarness,
  redisUnreachable,
  sleep,
  waitFor,
  type QueueHarness,
  type TestQueue,
} from "../../test/queueFactories.js";

/** Long enough for a wrong second run to show up; it can only hide a bug, never fail a correct adapter. */
const QUIET_MS = 500;
/** Timers may fire a little early relative to Date.now() taken elsewhere; never a bound on lateness. */
const CLOCK_SLACK_MS = 30;

interface Call<P> {
  job: JobContext<P>;
  at: number;
}

function contract(harness: QueueHarness): void {
  let opened: TestQueue[] = [];
  afterEach(async () => {
    const toClose = opened;
    opened = [];
    await Promise.all(toClose.map((q) => q.cleanup()));
  });

  async function open(storeName?: "sqlite" | "mongodb"): Promise<TestQueue> {
    const q = await harness.open(storeName);
    opened.push(q);
    return q;
  }

  /** Registers a handler that records each call and then runs `behaviour`. */
  function recorder<P>(
    q: TestQueue,
    name: string,
    behaviour: (job: JobContext<P>) => Promise<void> = async () => {},
  ) {
    const calls: Call<P>[] = [];
    q.queue.register<P>(name, async (job) => {
      calls.push({ job, at: Date.now() });
      await behaviour(job);
    });
    return calls;
  }

  it("runs a handler once with its payload, id, name and attempt 1", async () => {
    const q = await open();
    const calls = recorder<{ applicationId: string }>(q, "notify");
    await q.queue.start();
    await q.queue.enqueue("notify", { applicationId: "app-1" }, { jobId: "invitation-1-notify" });

    await waitFor(
      async () => (await q.getJob("invitation-1-notify"))?.state === "completed",
      "the job to complete",
    );
    await sleep(QUIET_MS);
    expect(calls.map((c) => c.job)).toEqual([
      { id: "invitation-1-notify", name: "notify", payload: { applicationId: "app-1" }, attempt: 1 },
    ]);
    expect(await q.getJob("invitation-1-notify")).toMatchObject({
      name: "notify",
      state: "completed",
      attemptsMade: 1,
    });
  });

  it("runs a job once when the same job id is enqueued twice, keeping the first payload", async () => {
    const q = await open();
    const calls = recorder<{ n: number }>(q, "remind");
    await q.queue.enqueue("remind", { n: 1 }, { jobId: "invitation-2-remind" });
    await q.queue.enqueue("remind", { n: 2 }, { jobId: "invitation-2-remind" });
    await q.queue.start();

    await waitFor(() => calls.length > 0, "the first run");
    await sleep(QUIET_MS);
    expect(calls.map((c) => c.job.payload)).toEqual([{ n: 1 }]);
  });

  it("ignores an enqueue whose id belongs to a completed job that is still kept", async () => {
    const q = await open();
    const calls = recorder<{ n: number }>(q, "expire");
    await q.queue.start();
    await q.queue.enqueue("expire", { n: 1 }, { jobId: "invitation-3-expire" });
    await waitFor(
      async () => (await q.getJob("invitation-3-expire"))?.state === "completed",
      "the job to complete",
    );

    await q.queue.enqueue("expire", { n: 2 }, { jobId: "invitation-3-expire" });
    await sleep(QUIET_MS);
    expect(calls.map((c) => c.job.payload)).toEqual([{ n: 1 }]);
  });

  it("accepts any non-empty job id, including colons, percent signs and integers", async () => {
    const q = await open();
    const calls = recorder<{ id: string }>(q, "notify");
    await q.queue.start();
    const ids = ["invitation:7:notify", "a:b", "100%", "%3A", "42", "-7", "任务:8"];
    for (const id of ids) await q.queue.enqueue("notify", { id }, { jobId: id });

    await waitFor(() => calls.length >= ids.length, "every job to run");
    expect(calls.map((c) => c.job.id).sort()).toEqual([...ids].sort());
    for (const call of calls) expect(call.job.id).toBe(call.job.payload.id);
    expect(await q.getJob("invitation:7:notify")).toMatchObject({ state: "completed" });
  });

  it("does not run a delayed job before its delay, and runs it after", async () => {
    const q = await open();
    const calls = recorder<{ n: number }>(q, "remind");
    await q.queue.start();
    const delay = 1_500;
    const enqueuedAt = Date.now();
    await q.queue.enqueue("remind", { n: 1 }, { jobId: "delayed-1", delay });

    await sleep(delay / 2);
    const midway = { calls: calls.length, job: await q.getJob("delayed-1") };
    // On a machine so loaded that the half-way look came after the delay, only the lower bound below applies.
    if (Date.now() - enqueuedAt < delay - CLOCK_SLACK_MS) {
      expect(midway).toMatchObject({ calls: 0, job: { state: "delayed" } });
    }
    await waitFor(() => calls.length > 0, "the delayed job to run", delay + 15_000);
    expect(calls[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(delay - CLOCK_SLACK_MS);
  });

  it("retries with fixed backoff until the handler succeeds, counting attempts 1, 2, 3", async () => {
    const q = await open();
    const calls = recorder<null>(q, "flaky", async (job) => {
      if (job.attempt < 3) throw new Error(`provider down (attempt ${job.attempt})`);
    });
    await q.queue.start();
    await q.queue.enqueue("flaky", null, {
      jobId: "flaky-fixed",
      attempts: 3,
      backoff: { type: "fixed", delay: 300 },
    });

    await waitFor(async () => (await q.getJob("flaky-fixed"))?.state === "completed", "the job to complete");
    expect(calls.map((c) => c.job.attempt)).toEqual([1, 2, 3]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(300 - CLOCK_SLACK_MS);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(300 - CLOCK_SLACK_MS);
    expect(await q.getJob("flaky-fixed")).toMatchObject({ state: "completed", attemptsMade: 3 });
  });

  it("doubles the wait between attempts with exponential backoff", async () => {
    const q = await open();
    const calls = recorder<null>(q, "flaky", async (job) => {
      if (job.attempt < 3) throw new Error("provider down");
    });
    await q.queue.start();
    await q.queue.enqueue("flaky", null, {
      jobId: "flaky-exp",
      attempts: 4,
      backoff: { type: "exponential", delay: 250 },
    });

    await waitFor(async () => (await q.getJob("flaky-exp"))?.state === "completed", "the job to complete");
    expect(calls.map((c) => c.job.attempt)).toEqual([1, 2, 3]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(250 - CLOCK_SLACK_MS);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(500 - CLOCK_SLACK_MS);
  });

  it("does not retry a job whose handler throws PermanentJobError", async () => {
    const q = await open();
    const calls = recorder<null>(q, "notify", async () => {
      throw new PermanentJobError("任务已撤销");
    });
    await q.queue.start();
    await q.queue.enqueue("notify", null, {
      jobId: "permanent-1",
      attempts: 5,
      backoff: { type: "fixed", delay: 50 },
    });

    await waitFor(async () => (await q.getJob("permanent-1"))?.state === "failed", "the job to fail");
    await sleep(QUIET_MS);
    expect(calls).toHaveLength(1);
    const job = await q.getJob("permanent-1");
    expect(job).toMatchObject({ state: "failed", attemptsMade: 1 });
    expect(job?.lastError).toContain("任务已撤销");
  });

  it("stops after the last attempt and keeps the job failed with its last error", async () => {
    const q = await open();
    const calls = recorder<null>(q, "flaky", async (job) => {
      throw new Error(`still down (attempt ${job.attempt})`);
    });
    await q.queue.start();
    await q.queue.enqueue("flaky", null, {
      jobId: "exhausted-1",
      attempts: 2,
      backoff: { type: "fixed", delay: 50 },
    });

    await waitFor(async () => (await q.getJob("exhausted-1"))?.state === "failed", "the job to fail");
    await sleep(QUIET_MS);
    expect(calls.map((c) => c.job.attempt)).toEqual([1, 2]);
    const job = await q.getJob("exhausted-1");
    expect(job).toMatchObject({ state: "failed", attemptsMade: 2 });
    expect(job?.lastError).toContain("still down (attempt 2)");
  });

  it("fails a job no handler is registered for, with an error naming the job", async () => {
    const q = await open();
    recorder(q, "notify");
    await q.queue.start();
    await q.queue.enqueue("nobody-handles-this", { x: 1 }, { jobId: "orphan-1" });

    await waitFor(async () => (await q.getJob("orphan-1"))?.state === "failed", "the job to fail");
    expect((await q.getJob("orphan-1"))?.lastError).toMatch(
      /no handler registered for job "nobody-handles-this"/,
    );
  });

  it("waits in close() for a running handler to finish and records its outcome", async () => {
    const q = await open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const calls = recorder<null>(q, "slow", async () => {
      await gate;
      finished = true;
    });
    await q.queue.start();
    await q.queue.enqueue("slow", null, { jobId: "slow-1" });
    await waitFor(() => calls.length > 0, "the handler to start");

    let closed = false;
    const closing = q.queue.close().then(() => (closed = true));
    await sleep(300);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toBe(true);
    expect(await q.getJob("slow-1")).toMatchObject({ state: "completed" });
  });

  for (const storeName of harness.storeNames) {
    it(`runs a job enqueued in a committed ${storeName} transaction exactly once, never one from a rolled-back one`, async () => {
      const q = await open(storeName);
      const { store, queue } = q;
      await store.declare([{ name: "invitations", indexes: [] }]);
      const calls = recorder<{ invitationId: string }>(q, "notify");
      await queue.start();

      await expect(
        store.transaction(async (tx) => {
          await tx.collection("invitations").insert({ _id: "inv-rolled-back" });
          await queue.enqueueIn(
            tx,
            "notify",
            { invitationId: "inv-rolled-back" },
            { jobId: "inv-rolled-back-notify" },
          );
          throw new Error("teacher not found");
        }),
      ).rejects.toThrow("teacher not found");
      await store.transaction(async (tx) => {
        await tx.collection("invitations").insert({ _id: "inv-committed" });
        await queue.enqueueIn(
          tx,
          "notify",
          { invitationId: "inv-committed" },
          { jobId: "inv-committed-notify" },
        );
      });

      await waitFor(
        async () => (await q.getJob("inv-committed-notify"))?.state === "completed",
        "the job to complete",
      );
      await sleep(QUIET_MS);
      expect(calls.map((c) => c.job.payload)).toEqual([{ invitationId: "inv-committed" }]);
      expect(await q.getJob("inv-rolled-back-notify")).toBeNull();
      expect(await store.collection("invitations").get("inv-rolled-back")).toBeNull();
    });
  }
}

const redisProblem = await redisUnreachable();

describe("queue contract [embedded]", () => contract(embeddedHarness));

describeWithRedis("queue contract [bullmq]", redisProblem, () => contract(bullmqHarness));
