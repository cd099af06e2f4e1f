/**
 * The production queue adapter: BullMQ 6 on Redis through ioredis. All job names share one BullMQ queue
 * (the job name is the BullMQ job name): one worker and one set of connections serve every handler, and a
 * job id dedupes across names exactly as in the embedded queue's single table.
 * `enqueueIn` goes through a transactional outbox in the store, relayed to Redis by the worker process.
 */
import { randomUUID } from "node:crypto";
import { Queue as BullQueue, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { PermanentJobError, RevisionConflictError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { EnqueueOptions, JobHandler, Queue } from "../ports/queue.js";
import type { Store, StoreTx } from "../ports/store.js";
import {
  DEFAULT_RETENTION,
  errorMessage,
  resolveJobOptions,
  type JobInfo,
  type JobState,
  type ResolvedJobOptions,
} from "./jobOptions.js";
import { Sleeper } from "./sleeper.js";

/** Where BullmqQueue connects and how it runs; only `redisUrl` is required. */
export interface BullmqQueueOptions {
  redisUrl: string;
  /** Prefix of every Redis key BullMQ writes; default "shenbao". */
  prefix?: string;
  /** The one BullMQ queue all job names share; default "jobs". */
  queueName?: string;
  /** Handlers running at once in this process; default 4. */
  concurrency?: number;
  /** Times a job may lose its process mid-run before BullMQ fails it; BullMQ's default (1) when unset. */
  maxStalledCount?: number;
  /** How often the relay looks at the outbox when not woken by a local `enqueueIn`; default 1 000 ms. */
  relayIntervalMs?: number;
  /**
   * Longest an add to Redis may take before the enqueue (or relay step) fails; default 10 000 ms. BullMQ
   * otherwise waits indefinitely for a first connection. A timed-out add may still land later, which a
   * deterministic job id makes harmless.
   */
  addTimeoutMs?: number;
  /** How long finished jobs stay in Redis for inspection (and keep deduping their id). */
  retention?: { completedMs: number; failedMs: number };
  logger?: Logger;
}

/** The store collection of the transactional outbox. */
export const OUTBOX_COLLECTION = "outbox";

/** An enqueue written inside a store transaction, waiting for the relay to hand it to BullMQ. */
export interface OutboxDoc {
  name: string;
  payload: unknown;
  /** Resolved at enqueue time, so a later change of defaults does not alter a committed job. */
  options: { attempts: number; backoff: ResolvedJobOptions["backoff"] };
  jobId: string;
  /** Epoch ms before which the job may not run: its delay counts from the enqueue, not from the relay. */
  notBefore: number;
}

const RELAY_BATCH = 100;

/**
 * `Queue` on BullMQ. `enqueue` adds to Redis at once; `enqueueIn` inserts an outbox document in the
 * caller's transaction, and the relay started by `start()` adds it to BullMQ under its job id, then
 * deletes it (a crash in between re-adds the same id, which BullMQ ignores).
 */
export class BullmqQueue implements Queue {
  readonly kind = "bullmq";
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly log: Logger;
  private readonly queueName: string;
  private readonly prefix: string;
  private readonly concurrency: number;
  private readonly relayIntervalMs: number;
  private readonly addTimeoutMs: number;
  private readonly producer: Redis;
  private readonly queue: BullQueue;
  private worker: Worker | undefined;
  private workerTemplate: Redis | undefined;
  private readonly relaySleeper = new Sleeper();
  private relayDone: Promise<void> | undefined;
  private relayFailing = false;
  private started = false;
  private stopping = false;
  private ended = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly store: Store,
    private readonly options: BullmqQueueOptions,
  ) {
    this.log = options.logger ?? pino({ enabled: false });
    this.queueName = options.queueName ?? "jobs";
    this.prefix = options.prefix ?? "shenbao";
    this.concurrency = options.concurrency ?? 4;
    this.relayIntervalMs = options.relayIntervalMs ?? 1_000;
    this.addTimeoutMs = options.addTimeoutMs ?? 10_000;
    const retention = options.retention ?? DEFAULT_RETENTION;
    // Producers fail after a few retries rather than hang an HTTP request while Redis is away.
    this.producer = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
    this.watchConnection(this.producer, "producer");
    this.queue = new BullQueue(this.queueName, {
      connection: this.producer,
      prefix: this.prefix,
      defaultJobOptions: {
        // BullMQ ages are in seconds and only checked when another job finishes: best effort, like the embedded prune.
        removeOnComplete: { age: Math.ceil(retention.completedMs / 1000) },
        removeOnFail: { age: Math.ceil(retention.failedMs / 1000) },
      },
    });
    this.queue.on("error", (err) => this.log.error({ err }, "bullmq queue error"));
  }

  /** Declares the outbox collection and connects the producer; the worker starts with `start()`. */
  static async open(store: Store, options: BullmqQueueOptions): Promise<BullmqQueue> {
    await store.declare([{ name: OUTBOX_COLLECTION, indexes: [{ fields: ["createdAt"] }] }]);
    return new BullmqQueue(store, options);
  }

  async enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<void> {
    this.assertOpen();
    const resolved = resolveJobOptions(name, options);
    await this.add(name, payload ?? null, resolved.jobId ?? randomUUID(), resolved, resolved.delay);
  }

  async enqueueIn<P>(tx: StoreTx, name: string, payload: P, options?: EnqueueOptions): Promise<void> {
    this.assertOpen();
    const resolved = resolveJobOptions(name, options);
    await tx.collection<OutboxDoc>(OUTBOX_COLLECTION).insert({
      name,
      payload: payload ?? null,
      options: { attempts: resolved.attempts, backoff: resolved.backoff },
      jobId: resolved.jobId ?? randomUUID(),
      notBefore: Date.now() + resolved.delay,
    });
    // The transaction has not committed yet: a SQLite relay read waits for it on the store's mutex; with
    // MongoDB the read may come first and the next poll picks the document up.
    this.relaySleeper.wake();
  }

  register<P>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler<unknown>);
  }

  async start(): Promise<void> {
    if (this.stopping) throw new Error("the queue is closed");
    if (this.started) return;
    this.started = true;
    // Workers block on Redis and must retry forever; BullMQ refuses a blocking connection that does not.
    // This client is only the template BullMQ duplicates for its own connections.
    this.workerTemplate = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.watchConnection(this.workerTemplate, "worker");
    this.worker = new Worker(this.queueName, (job: Job) => this.process(job), {
      connection: this.workerTemplate,
      prefix: this.prefix,
      concurrency: this.concurrency,
      ...(this.options.maxStalledCount === undefined
        ? {}
        : { maxStalledCount: this.options.maxStalledCount }),
    });
    this.worker.on("error", (err) => this.log.error({ err }, "bullmq worker error"));
    this.worker.on("failed", (job, err) => {
      const final = !job || job.finishedOn !== undefined;
      this.log[final ? "error" : "warn"](
        { err, jobId: job && fromBullJobId(job.id ?? ""), job: job?.name, attemptsMade: job?.attemptsMade },
        final ? "job failed, not retried" : "job failed, will retry",
      );
    });
    this.relayDone = this.relayLoop();
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    if (this.ended) return { ok: false, detail: "closed" };
    try {
      await withTimeout(this.producer.ping(), 2_000, "Redis did not answer PING in 2 s");
      const backlog = await this.store.collection(OUTBOX_COLLECTION).count({});
      return backlog > 0 ? { ok: true, detail: `outbox backlog ${backlog}` } : { ok: true };
    } catch (error) {
      return { ok: false, detail: errorMessage(error) };
    }
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopping = true;
      this.relaySleeper.wake();
      await this.relayDone;
      if (this.worker) {
        const worker = this.worker;
        const connected = await withTimeout(worker.waitUntilReady(), 1_000, "").then(
          () => true,
          () => false,
        );
        if (connected) {
          // Stops fetching, waits for running handlers (they may still enqueue: the producer closes last)
          // and for BullMQ to record their outcomes.
          await worker.close();
        } else {
          // A worker that never reached Redis has fetched no job, and a graceful close would wait for a
          // connection forever.
          this.log.warn("bullmq worker never connected to Redis; closing without waiting for it");
          await worker.close(true);
        }
      }
      this.ended = true;
      await this.queue.close();
      await quit(this.producer);
      this.workerTemplate?.disconnect();
    })();
    return this.closing;
  }

  /** The underlying BullMQ queue, for the administrators' bull-board (outside the port). */
  get bullQueue(): BullQueue {
    return this.queue;
  }

  /** The job with this id as BullMQ holds it, or null once removed or never added. */
  async getJob(id: string): Promise<JobInfo | null> {
    const job = await this.queue.getJob(toBullJobId(id));
    if (!job) return null;
    const bullState = await job.getState();
    const state: JobState =
      bullState === "active" || bullState === "delayed" || bullState === "completed" || bullState === "failed"
        ? bullState
        : "waiting";
    const info: JobInfo = { id, name: job.name, state, attemptsMade: job.attemptsMade };
    if (job.failedReason) info.lastError = job.failedReason;
    return info;
  }

  private async add(
    name: string,
    payload: unknown,
    jobId: string,
    options: ResolvedJobOptions,
    delay: number,
  ) {
    const adding = this.queue.add(name, payload, {
      jobId: toBullJobId(jobId),
      delay,
      attempts: options.attempts,
      backoff: options.backoff,
    });
    // The add goes on after a timeout; its late outcome has no one left to tell.
    adding.catch(() => undefined);
    await withTimeout(
      adding,
      this.addTimeoutMs,
      `Redis did not accept job "${name}" (${jobId}) within ${this.addTimeoutMs} ms`,
    );
  }

  /** The BullMQ processor: dispatches by job name; what must not be retried becomes `UnrecoverableError`. */
  private async process(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler registered for job "${job.name}"`);
    try {
      await handler({
        id: fromBullJobId(job.id ?? ""),
        name: job.name,
        payload: job.data as unknown,
        // attemptsMade counts finished attempts only: a run cut short by a dead worker is not one.
        attempt: job.attemptsMade + 1,
      });
    } catch (error) {
      if (error instanceof PermanentJobError) {
        throw Object.assign(new UnrecoverableError(errorMessage(error)), { cause: error });
      }
      throw error;
    }
  }

  /** Moves committed outbox documents to BullMQ: once at start, then on every wake or interval. */
  private async relayLoop(): Promise<void> {
    while (!this.stopping) {
      await this.drainOutbox();
      if (!this.stopping) await this.relaySleeper.sleep(this.relayIntervalMs);
    }
  }

  private async drainOutbox(): Promise<void> {
    const outbox = this.store.collection<OutboxDoc>(OUTBOX_COLLECTION);
    try {
      for (;;) {
        const page = await outbox.find({}, { sort: { createdAt: 1 }, limit: RELAY_BATCH });
        for (const doc of page.items) {
          const resolved: ResolvedJobOptions = { jobId: doc.jobId, delay: 0, ...doc.options };
          // Added first, deleted second: a crash in between re-adds the same job id, which BullMQ ignores.
          await this.add(doc.name, doc.payload, doc.jobId, resolved, Math.max(0, doc.notBefore - Date.now()));
          await outbox.delete(doc._id, doc.rev).catch((error: unknown) => {
            // Another worker's relay got there first; the job is in BullMQ either way.
            if (!(error instanceof RevisionConflictError)) throw error;
          });
        }
        if (page.items.length < RELAY_BATCH || this.stopping) break;
      }
      if (this.relayFailing) this.log.info("outbox relay recovered");
      this.relayFailing = false;
    } catch (error) {
      // Logged once per outage: the relay retries every interval and loses nothing meanwhile.
      if (!this.relayFailing) this.log.error({ err: error }, "outbox relay failed; retrying");
      this.relayFailing = true;
    }
  }

  private assertOpen(): void {
    // Handlers still running during close() may enqueue follow-ups, so only a finished close refuses.
    if (this.ended) throw new Error("the queue is closed");
  }

  /** ioredis reports every failed reconnect; one line per outage is enough. */
  private watchConnection(client: Redis, role: string): void {
    let down = false;
    client.on("error", (err: Error) => {
      if (!down) this.log.error({ err, role }, "Redis connection error");
      down = true;
    });
    client.on("ready", () => {
      if (down) this.log.info({ role }, "Redis connection restored");
      down = false;
    });
  }
}

/**
 * BullMQ rejects custom ids that look like integers or hold a `:` (unless in exactly three parts), while the
 * port allows any string (`invitation:<id>:notify`). This reversible escape keeps every id valid:
 * `%` and `:` are always percent-encoded, and so is the first character of an integer-looking id.
 */
export function toBullJobId(id: string): string {
  const escaped = id.replace(/[%:]/g, (char) => (char === "%" ? "%25" : "%3A"));
  if (`${parseInt(escaped, 10)}` !== escaped) return escaped;
  return `%${escaped.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}${escaped.slice(1)}`;
}

/** Inverse of `toBullJobId`. */
export function fromBullJobId(id: string): string {
  return id.replace(/%([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function quit(client: Redis): Promise<void> {
  if (client.status === "end") return;
  try {
    await withTimeout(client.quit(), 2_000, "QUIT timed out");
  } catch {
    client.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
