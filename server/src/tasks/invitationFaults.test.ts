// Fault tests of TCH-3 (issue 5): a worker killed inside `notify` must not send twice, and invitations
// waiting in a restarted Redis must each be sent exactly once. Child processes and a private Redis are
// waited for with bounded polls; nothing sleeps for a fixed time.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { OUTBOX_COLLECTION } from "../queue/bullmqQueue.js";
import type { EmbeddedQueue } from "../queue/embeddedQueue.js";
import { collectionsOf } from "../store/collections.js";
import { issueInvitationIn } from "../invitations/invitationIssuing.js";
import {
  filledCandidate,
  importTeachers,
  invitedToken,
  uploadWorkProof,
} from "../../test/invitationFactories.js";
import { readOutbox } from "../../test/outbox.js";
import { waitFor } from "../../test/queueFactories.js";
import { startTestServer } from "../../test/testApp.js";
import { startWorker, type WorkerProcess } from "../../test/workerProcess.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const notifyLines = (dataDir: string, id: string) =>
  readOutbox(dataDir).filter((line) => line.idempotencyKey === `invitation:${id}:notify`);

describe("invitation notify under faults", () => {
  it("sends exactly one message when the worker is SIGKILLed inside notify and restarted", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-fault-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // The test's own server shares the data directory (SQLite file, key file, outbox) with the workers.
    const server = await startTestServer({ dataDir });
    cleanups.push(() => server.close());
    const refs = await importTeachers(server);
    const candidate = await filledCandidate(server, "apprentice");
    const { invitationId } = await invitedToken(server, candidate, candidate.application._id, {
      role: "supervisor",
      ref: refs.sup1,
    });
    const invitation = () => collectionsOf(server.ports.store).invitations.get(invitationId);
    const env = { SHENBAO_DATA_DIR: dataDir, SHENBAO_QUEUE_LEASE_MS: "1500" };

    const first = startWorker({ ...env, SHENBAO_TEST_NOTIFY_DELAY_MS: "60000" });
    cleanups.push(() => first.kill());
    await waitFor(
      () => notifyLines(dataDir, invitationId).length > 0,
      `the first worker's send (${first.output()})`,
      30_000,
    );
    await first.kill();
    // Killed after sending, before recording: the document still says 待发送 and the job is unfinished.
    expect((await invitation())?.state).toBe("pending");
    expect(
      (await (server.ports.queue as EmbeddedQueue).getJob(`invitation:${invitationId}:notify`))?.state,
    ).toBe("active");

    const second = startWorker(env);
    cleanups.push(() => second.stop());
    await waitFor(
      async () => (await invitation())?.state === "sent",
      "the restarted worker to finish notify",
      30_000,
    );
    await waitFor(
      async () =>
        (await (server.ports.queue as EmbeddedQueue).getJob(`invitation:${invitationId}:notify`))?.state ===
        "completed",
      "the notify job to complete",
      30_000,
    );
    expect(notifyLines(dataDir, invitationId)).toHaveLength(1);
  }, 90_000);
});

/** A free TCP port on localhost. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts `redis-server` on `port` with an append-only file in `dir`; resolves once it answers PING. */
async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--save", "", "--appendonly", "yes", "--dir", dir],
    {
      stdio: "ignore",
    },
  );
  const client = new Redis(port, "127.0.0.1", {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await waitFor(
      async () => {
        try {
          if (client.status !== "ready") await client.connect();
          return (await client.ping()) === "PONG";
        } catch {
          client.disconnect();
          return false;
        }
      },
      "redis-server to answer",
      15_000,
    );
  } finally {
    client.disconnect();
  }
  return child;
}

/** SHUTDOWN (which fsyncs the append-only file) and waits for the process to end. */
async function shutdownRedis(child: ChildProcess, port: number): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const client = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => undefined);
  await client.call("SHUTDOWN").catch(() => undefined);
  client.disconnect();
  await exited;
}

describe("invitation notify across a Redis restart [bullmq]", () => {
  it("sends every waiting invitation exactly once after Redis was shut down and started again", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-redis-fault-"));
    const redisDir = path.join(dataDir, "redis");
    mkdirSync(redisDir);
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    let redis = await startRedis(port, redisDir);
    cleanups.push(() => {
      if (redis.exitCode === null) redis.kill("SIGKILL");
    });
    const queueEnv = {
      SHENBAO_QUEUE: "bullmq",
      REDIS_URL: `redis://127.0.0.1:${port}`,
      SHENBAO_QUEUE_PREFIX: "fault",
    };
    const server = await startTestServer({ dataDir, env: queueEnv });
    cleanups.push(() => server.close());
    const refs = await importTeachers(server);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const candidate = await filledCandidate(server, "apprentice");
      const appId = candidate.application._id;
      ids.push(
        (await invitedToken(server, candidate, appId, { role: "supervisor", ref: refs.sup1 })).invitationId,
      );
      const workProof = await uploadWorkProof(server, candidate, appId);
      ids.push(
        (await invitedToken(server, candidate, appId, { role: "recommender", ref: refs.rec1, workProof }))
          .invitationId,
      );
    }
    const outbox = server.ports.store.collection(OUTBOX_COLLECTION);
    const states = async () =>
      Promise.all(
        ids.map(async (id) => (await collectionsOf(server.ports.store).invitations.get(id))?.state),
      );

    // A worker relays the outbox to Redis but is stopped before anything runs: the jobs wait in Redis.
    const relay: WorkerProcess = startWorker({
      ...queueEnv,
      SHENBAO_DATA_DIR: dataDir,
      SHENBAO_TEST_NOTIFY_DELAY_MS: "60000",
    });
    cleanups.push(() => relay.kill());
    await waitFor(
      async () => (await outbox.count({})) === 0,
      `the relay to empty the outbox (${relay.output()})`,
      30_000,
    );
    await relay.kill();
    // Nothing was recorded as sent: whatever the relay worker had started is unfinished in Redis.
    expect(await states()).toEqual(ids.map(() => "pending"));

    await shutdownRedis(redis, port);
    redis = await startRedis(port, redisDir);

    const worker = startWorker({ ...queueEnv, SHENBAO_DATA_DIR: dataDir });
    cleanups.push(() => worker.stop());
    await waitFor(
      async () => (await states()).every((state) => state === "sent"),
      `every invitation sent (${worker.output()})`,
      // Jobs the killed relay worker held are re-run once BullMQ's 30 s lock expires and its stall check runs.
      100_000,
    );
    for (const id of ids) expect(notifyLines(dataDir, id), id).toHaveLength(1);
  }, 180_000);
});

describe("invitation notify under repeated SIGKILL (issue 11)", () => {
  it("loses no SMS and sends none twice when workers are killed at varied moments while sending", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-killloop-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startTestServer({ dataDir });
    cleanups.push(() => server.close());
    const refs = await importTeachers(server);
    const candidate = await filledCandidate(server, "apprentice");
    const { store } = server.ports;
    const { cipher, clock } = server.services;
    // 24 invitations created at once (the issue's case); the notify jobs wait for the workers below.
    const people = Object.values(refs);
    const ids: string[] = [];
    await store.transaction(async (tx) => {
      for (let n = 0; n < 24; n++) {
        const issued = await issueInvitationIn(
          tx,
          { queue: server.ports.queue, cipher, ttlMs: 14 * 24 * 3_600_000 },
          {
            applicationId: candidate.application._id,
            candidateId: candidate.userId,
            role: "supervisor",
            registryId: people[n % people.length]!,
            teacherName: `老师${n}`,
            teacherMaskedIdNumber: "4201**********0012",
          },
          { actor: "test", now: clock.now() },
        );
        ids.push(issued.invitation._id);
      }
    });
    const lines = () => readOutbox(dataDir).filter((line) => line.template === "invitationNotify");
    const env = { SHENBAO_DATA_DIR: dataDir, SHENBAO_QUEUE_LEASE_MS: "500" };
    // The killed workers pause between claiming a message and writing it, so kills land in that window too.
    const killed = { ...env, SHENBAO_TEST_SEND_DELAY_MS: "150" };

    // Each worker is killed a different time after it starts sending: before, between and after writes.
    for (const delayMs of [0, 4, 12, 25]) {
      const before = lines().length;
      if (before >= ids.length) break;
      const worker = startWorker(killed);
      cleanups.push(() => worker.kill());
      await waitFor(
        () => lines().length > before || worker.child.exitCode !== null,
        `a worker to start sending (${worker.output()})`,
        20_000,
      );
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await worker.kill();
    }
    const last = startWorker(env);
    cleanups.push(() => last.stop());
    const { invitations } = collectionsOf(store);
    const queue = server.ports.queue as EmbeddedQueue;
    const notifyJob = (id: string) => queue.getJob(`invitation:${id}:notify`);
    await waitFor(
      async () => {
        const jobs = await Promise.all(ids.map(notifyJob));
        return jobs.every((job) => job?.state === "completed" || job?.state === "failed");
      },
      `every notify job to finish (${last.output()})`,
      30_000,
    );
    await last.stop();
    const perInvitation = ids.map((id) =>
      lines().filter((line) => line.idempotencyKey === `invitation:${id}:notify`),
    );
    expect(perInvitation.filter((sent) => sent.length === 0)).toHaveLength(0); // lost
    expect(perInvitation.filter((sent) => sent.length > 1)).toHaveLength(0); // duplicated
    // And each is recorded 已发送 only with its line written: no job was given up after its process died.
    const states = await Promise.all(ids.map(async (id) => (await invitations.get(id))?.state));
    expect(states.filter((state) => state !== "sent")).toEqual([]);
  }, 120_000);
});
