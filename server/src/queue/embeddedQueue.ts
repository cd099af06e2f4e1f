/**
 * The embedded queue adapter: a durable jobs table in the SQLite file of the SqliteStore, and a worker loop
 * in the same process. `enqueueIn` writes the job row inside the caller's store transaction, so the job
 * exists exactly when the write that caused it does.
 */
import { randomUUID } from "node:crypto";
import type { Statement, Transaction } from "better-sqlite3";
import { pino } from "pino";
import { PermanentJobError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { EnqueueOptions, JobHandler, Queue } from "../ports/queue.js";
import type { StoreTx } from "../ports/store.js";
import type { SqliteDatabase } from "../store/sqliteStore.js";
import {
  DEFAULT_RETENTION,
  backoffDelay,
  errorMessage,
  resolveJobOptions,
  type JobInfo,
  type JobState,
  type ResolvedJobOptions,
} from "./jobOptions.js";
import { Sleeper } from "./sleeper.js";

/** What the embedded queue needs from the SQLite store: its connection, one synchronous task at a time. */
export interface SqliteAccess {
  exclusive<R>(fn: (db: SqliteDatabase) => R): Promise<R>;
}

/** Tuning for `EmbeddedQueue`; the defaults suit the embedded server. */
export interface EmbeddedQueueOptions {
  /** Handlers running at once; default 4. */
  concurrency?: number;
  /** How often the loop looks for due jobs when nothing wakes it (another process, expired leases); default 1 000 ms. */
  pollIntervalMs?: number;
  /** How long a claim stays valid without renewal; after that a (re)started worker takes the job over. Default 30 000 ms. */
  leaseMs?: number;
  /** Times a job may lose its process mid-run before it is failed rather than run again; default 1 (as BullMQ). */
  maxStalledCount?: number;
  /** How long finished rows are kept for inspection (and keep deduping their id). */
  retention?: { completedMs: number; failedMs: number };
  logger?: Logger;
}

/** The jobs table; the store's own tables are all `doc_<collection>`, so the names cannot collide. */
const TABLE = "queue_jobs";
const PRUNE_EVERY_MS = 10 * 60_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${TABLE} (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'completed', 'failed')),
  attempts_made INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  backoff_type TEXT NOT NULL CHECK (backoff_type IN ('fixed', 'exponential')),
  backoff_delay INTEGER NOT NULL,
  stalled_count INTEGER NOT NULL DEFAULT 0,
  run_at INTEGER NOT NULL,
  lease_token TEXT,
  lease_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS ${TABLE}_due ON ${TABLE} (state, run_at);
CREATE INDEX IF NOT EXISTS ${TABLE}_lease ON ${TABLE} (state, lease_until);
CREATE INDEX IF NOT EXISTS ${TABLE}_finished ON ${TABLE} (state, finished_at);
`;

/** One row of the jobs table; times are epoch milliseconds. */
interface JobRow {
  id: string;
  name: string;
  payload: string;
  state: "waiting" | "active" | "completed" | "failed";
  attempts_made: number;
  max_attempts: number;
  backoff_type: "fixed" | "exponential";
  backoff_delay: number;
  stalled_count: number;
  run_at: number;
  lease_token: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** A job this process holds a lease on. */
interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  backoff: ResolvedJobOptions["backoff"];
  token: string;
}

/** How a run ended, written back under the lease token. */
type Outcome =
  { kind: "completed" } | { kind: "retry"; runAt: number; error: string } | { kind: "failed"; error: string };

/** Prepared once per connection: these run on every claim and every finished job. */
interface Statements {
  insert: Statement;
  selectDue: Statement;
  nextRunAt: Statement;
  activate: Statement;
  complete: Statement;
  retry: Statement;
  fail: Statement;
  renew: Statement;
  prune: Statement;
  get: Statement;
  counts: Statement;
  countsDetailed: Statement;
}

/**
 * `Queue` over a `queue_jobs` table in the SqliteStore's file. A claim sets the row active with a lease
 * (renewed while the handler runs), so a job whose process died is taken over once its lease expires.
 * Dedupe: an enqueue whose id is already in the table, in any state, is ignored (BullMQ semantics);
 * finished rows keep their id until pruned after the retention period.
 */
export class EmbeddedQueue implements Queue {
  readonly kind = "embedded";
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly running = new Map<string, { token: string; done: Promise<void> }>();
  private readonly log: Logger;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly maxStalledCount: number;
  private readonly retention: { completedMs: number; failedMs: number };
  private started = false;
  /** Set by `close()`: the loop stops claiming. Enqueues still work until close resolves (running handlers may enqueue). */
  private closed = false;
  private ended = false;
  private closing: Promise<void> | undefined;
  private loopDone: Promise<void> | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private readonly sleeper = new Sleeper();
  private lastPrunedAt = 0;
  private readonly claimTx: Transaction<(limit: number, now: number) => ClaimedJob[]>;

  private constructor(
    private readonly store: SqliteAccess,
    /** Compared with `tx.native`; statements run on it only inside `exclusive` or the caller's transaction. */
    private readonly db: SqliteDatabase,
    private readonly sql: Statements,
    options: EmbeddedQueueOptions,
  ) {
    this.concurrency = positiveInt(options.concurrency ?? 4, "concurrency");
    this.pollIntervalMs = positiveInt(options.pollIntervalMs ?? 1_000, "pollIntervalMs");
    this.leaseMs = positiveInt(options.leaseMs ?? 30_000, "leaseMs");
    this.maxStalledCount = Math.max(0, Math.trunc(options.maxStalledCount ?? 1));
    this.retention = options.retention ?? DEFAULT_RETENTION;
    this.log = options.logger ?? pino({ enabled: false });
    this.claimTx = db.transaction((limit: number, now: number) => this.claimDue(limit, now));
  }

  /** Creates the jobs table if missing (under the store's mutex) and returns a queue on it. */
  static async open(store: SqliteAccess, options: EmbeddedQueueOptions = {}): Promise<EmbeddedQueue> {
    const { db, sql } = await store.exclusive((db) => {
      db.exec(SCHEMA);
      return { db, sql: prepare(db) };
    });
    return new EmbeddedQueue(store, db, sql, options);
  }

  async enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<void> {
    const row = this.newRow(name, payload, options);
    await this.store.exclusive(() => this.sql.insert.run(row));
    this.wake();
  }

  async enqueueIn<P>(tx: StoreTx, name: string, payload: P, options?: EnqueueOptions): Promise<void> {
    const row = this.newRow(name, payload, options);
    if (tx.native !== this.db) {
      throw new Error(
        "EmbeddedQueue.enqueueIn needs a transaction of the SqliteStore the queue was opened on",
      );
    }
    // Outside BEGIN … COMMIT the insert would autocommit on its own, bypassing the store's mutex.
    if (!this.db.inTransaction) throw new Error("EmbeddedQueue.enqueueIn called after its transaction ended");
    // The row joins the open transaction: it commits or rolls back with the caller's writes.
    this.sql.insert.run(row);
    // The loop's next claim waits for the store mutex, i.e. for this transaction to end.
    this.wake();
  }

  register<P>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    this.handlers.set(name, handler as JobHandler<unknown>);
  }

  async start(): Promise<void> {
    if (this.closed) throw new Error("the queue is closed");
    if (this.started) return;
    this.started = true;
    this.renewTimer = setInterval(() => void this.renewLeases(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.loopDone = this.loop();
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    if (this.closed) return { ok: false, detail: "closed" };
    try {
      const rows = await this.store.exclusive(() => this.sql.counts.all() as { state: string; n: number }[]);
      const count = (state: string) => rows.find((row) => row.state === state)?.n ?? 0;
      return {
        ok: true,
        detail: `waiting ${count("waiting")}, active ${count("active")}, failed ${count("failed")}${this.started ? "" : ", not started"}`,
      };
    } catch (error) {
      return { ok: false, detail: errorMessage(error) };
    }
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.wake();
      await this.loopDone;
      await Promise.all([...this.running.values()].map((job) => job.done));
      clearInterval(this.renewTimer);
      this.ended = true;
    })();
    return this.closing;
  }

  /** Jobs per state, for the administrators' queue view (outside the port, like `getJob`). */
  async counts(): Promise<Record<JobState, number>> {
    const rows = await this.store.exclusive(
      () => this.sql.countsDetailed.all({ now: Date.now() }) as { state: JobState; n: number }[],
    );
    const counts: Record<JobState, number> = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  /** The job with this id as stored, or null once it was pruned or never existed. */
  async getJob(id: string): Promise<JobInfo | null> {
    const row = await this.store.exclusive(() => this.sql.get.get(id) as JobRow | undefined);
    if (!row) return null;
    const state = row.state === "waiting" && row.run_at > Date.now() ? "delayed" : row.state;
    const info: JobInfo = { id: row.id, name: row.name, state, attemptsMade: row.attempts_made };
    if (row.last_error !== null) info.lastError = row.last_error;
    return info;
  }

  private newRow(name: string, payload: unknown, options?: EnqueueOptions): Record<string, unknown> {
    if (this.ended) throw new Error("the queue is closed");
    const resolved = resolveJobOptions(name, options);
    const now = Date.now();
    return {
      id: resolved.jobId ?? randomUUID(),
      name,
      payload: JSON.stringify(payload ?? null),
      maxAttempts: resolved.attempts,
      backoffType: resolved.backoff.type,
      backoffDelay: resolved.backoff.delay,
      runAt: now + resolved.delay,
      now,
    };
  }

  /** Claims what is due up to the free slots, then sleeps until the next due job, a wake, or the poll. */
  private async loop(): Promise<void> {
    while (!this.closed) {
      let sleepMs = this.pollIntervalMs;
      try {
        const now = Date.now();
        if (now - this.lastPrunedAt >= PRUNE_EVERY_MS) {
          this.lastPrunedAt = now;
          await this.prune(now);
        }
        const free = this.concurrency - this.running.size;
        if (free > 0) {
          const { jobs, nextRunAt } = await this.store.exclusive(() => ({
            jobs: this.claimTx.immediate(free, Date.now()),
            nextRunAt: (this.sql.nextRunAt.get() as { at: number | null }).at,
          }));
          // A closing queue still runs what it has just claimed: the leases are written already.
          for (const job of jobs) this.launch(job);
          if (jobs.length === free && !this.closed) continue;
          if (nextRunAt !== null) sleepMs = Math.min(sleepMs, Math.max(0, nextRunAt - Date.now()));
        }
      } catch (error) {
        this.log.error({ err: error }, "embedded queue: claiming jobs failed");
      }
      if (!this.closed) await this.sleeper.sleep(sleepMs);
    }
  }

  /** Runs inside one IMMEDIATE transaction, so two processes on the same file never claim the same row. */
  private claimDue(limit: number, now: number): ClaimedJob[] {
    const rows = this.sql.selectDue.all({ now, limit }) as JobRow[];
    const claimed: ClaimedJob[] = [];
    for (const row of rows) {
      // Our own run whose renewal was late (a blocked event loop): it is still running here.
      if (this.running.has(row.id)) continue;
      const stalled = row.state === "active";
      const stalledCount = row.stalled_count + (stalled ? 1 : 0);
      const failWith = (error: string) =>
        this.sql.fail.run({
          id: row.id,
          token: row.lease_token,
          attemptsMade: row.attempts_made,
          error,
          now,
        });
      if (stalled && stalledCount > this.maxStalledCount) {
        failWith(`its process stopped while running it ${stalledCount} times (lease expired); not run again`);
        this.log.error({ jobId: row.id, job: row.name }, "embedded queue: job stalled too often, failed");
        continue;
      }
      if (!this.handlers.has(row.name)) {
        failWith(`no handler registered for job "${row.name}"`);
        this.log.error({ jobId: row.id, job: row.name }, "embedded queue: no handler for job, failed");
        continue;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        failWith("stored payload is not valid JSON");
        continue;
      }
      if (stalled)
        this.log.warn({ jobId: row.id, job: row.name }, "embedded queue: lease expired, running job again");
      const token = randomUUID();
      this.sql.activate.run({ id: row.id, token, leaseUntil: now + this.leaseMs, stalledCount, now });
      claimed.push({
        id: row.id,
        name: row.name,
        payload,
        attempt: row.attempts_made + 1,
        maxAttempts: row.max_attempts,
        backoff: { type: row.backoff_type, delay: row.backoff_delay },
        token,
      });
    }
    return claimed;
  }

  private launch(job: ClaimedJob): void {
    const done = this.execute(job).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, { token: job.token, done });
  }

  /** Runs the handler and records the outcome; never rejects. */
  private async execute(job: ClaimedJob): Promise<void> {
    const log = this.log.child({ jobId: job.id, job: job.name, attempt: job.attempt });
    let outcome: Outcome;
    try {
      const handler = this.handlers.get(job.name);
      if (!handler) throw new PermanentJobError(`no handler registered for job "${job.name}"`);
      await handler({ id: job.id, name: job.name, payload: job.payload, attempt: job.attempt });
      outcome = { kind: "completed" };
    } catch (error) {
      const message = errorMessage(error);
      if (error instanceof PermanentJobError) {
        outcome = { kind: "failed", error: message };
        log.error({ err: error }, "job failed permanently, not retried");
      } else if (job.attempt >= job.maxAttempts) {
        outcome = { kind: "failed", error: message };
        log.error({ err: error }, "job failed, attempts exhausted");
      } else {
        const delay = backoffDelay(job.backoff, job.attempt);
        outcome = { kind: "retry", runAt: Date.now() + delay, error: message };
        log.warn({ err: error, retryInMs: delay }, "job failed, will retry");
      }
    }
    try {
      const changes = await this.store.exclusive(() => this.record(job, outcome));
      // No row under our token: the lease expired and another worker took the job over; its run counts.
      if (changes === 0) log.warn("job outcome not recorded: its lease had been taken over");
    } catch (error) {
      // The lease will expire and the job will run again: at-least-once, which handlers are built for.
      log.error({ err: error }, "recording the job outcome failed");
    }
  }

  private record(job: ClaimedJob, outcome: Outcome): number {
    const base = { id: job.id, token: job.token, attemptsMade: job.attempt, now: Date.now() };
    switch (outcome.kind) {
      case "completed":
        return this.sql.complete.run(base).changes;
      case "retry":
        return this.sql.retry.run({ ...base, runAt: outcome.runAt, error: outcome.error }).changes;
      case "failed":
        return this.sql.fail.run({ ...base, error: outcome.error }).changes;
    }
  }

  /** Keeps the leases of running handlers alive, so only a dead process's jobs are taken over. */
  private async renewLeases(): Promise<void> {
    if (this.running.size === 0) return;
    const jobs = [...this.running.entries()];
    try {
      await this.store.exclusive(() => {
        const now = Date.now();
        for (const [id, { token }] of jobs)
          this.sql.renew.run({ id, token, leaseUntil: now + this.leaseMs, now });
      });
    } catch (error) {
      this.log.error({ err: error }, "embedded queue: renewing leases failed");
    }
  }

  private async prune(now: number): Promise<void> {
    const { changes } = await this.store.exclusive(() =>
      this.sql.prune.run({
        completedBefore: now - this.retention.completedMs,
        failedBefore: now - this.retention.failedMs,
      }),
    );
    if (changes > 0) this.log.info({ pruned: changes }, "embedded queue: pruned finished jobs");
  }

  /** Ends the loop's sleep now, or makes its next sleep return at once if it is busy claiming. */
  private wake(): void {
    this.sleeper.wake();
  }
}

function prepare(db: SqliteDatabase): Statements {
  const finish = `lease_token = NULL, lease_until = NULL, attempts_made = @attemptsMade, updated_at = @now`;
  // `IS` matches NULL too: a stalled or never-claimed row is failed under the token it carries.
  const mine = `WHERE id = @id AND lease_token IS @token`;
  return {
    insert: db.prepare(
      `INSERT INTO ${TABLE} (id, name, payload, state, max_attempts, backoff_type, backoff_delay, run_at, created_at, updated_at)
       VALUES (@id, @name, @payload, 'waiting', @maxAttempts, @backoffType, @backoffDelay, @runAt, @now, @now)
       ON CONFLICT (id) DO NOTHING`,
    ),
    selectDue: db.prepare(
      `SELECT * FROM ${TABLE}
       WHERE (state = 'waiting' AND run_at <= @now) OR (state = 'active' AND lease_until <= @now)
       ORDER BY run_at, created_at LIMIT @limit`,
    ),
    nextRunAt: db.prepare(`SELECT MIN(run_at) AS at FROM ${TABLE} WHERE state = 'waiting'`),
    activate: db.prepare(
      `UPDATE ${TABLE} SET state = 'active', lease_token = @token, lease_until = @leaseUntil,
       stalled_count = @stalledCount, updated_at = @now WHERE id = @id`,
    ),
    complete: db.prepare(
      `UPDATE ${TABLE} SET state = 'completed', ${finish}, last_error = NULL, finished_at = @now ${mine}`,
    ),
    retry: db.prepare(
      `UPDATE ${TABLE} SET state = 'waiting', ${finish}, run_at = @runAt, last_error = @error ${mine}`,
    ),
    fail: db.prepare(
      `UPDATE ${TABLE} SET state = 'failed', ${finish}, last_error = @error, finished_at = @now ${mine}`,
    ),
    renew: db.prepare(
      `UPDATE ${TABLE} SET lease_until = @leaseUntil, updated_at = @now WHERE id = @id AND lease_token = @token AND state = 'active'`,
    ),
    prune: db.prepare(
      `DELETE FROM ${TABLE} WHERE (state = 'completed' AND finished_at < @completedBefore)
       OR (state = 'failed' AND finished_at < @failedBefore)`,
    ),
    get: db.prepare(`SELECT * FROM ${TABLE} WHERE id = ?`),
    counts: db.prepare(`SELECT state, count(*) AS n FROM ${TABLE} GROUP BY state`),
    countsDetailed: db.prepare(
      `SELECT CASE WHEN state = 'waiting' AND run_at > @now THEN 'delayed' ELSE state END AS state, count(*) AS n
       FROM ${TABLE} GROUP BY 1`,
    ),
  };
}

function positiveInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`EmbeddedQueue: ${what} must be an integer ≥ 1`);
  return value;
}
