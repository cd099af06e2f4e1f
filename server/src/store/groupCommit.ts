/**
 * Group commit for the SQLite store. With `synchronous = FULL` every COMMIT costs one fsync of the WAL
 * (milliseconds on real disks), and that fsync, not SQL, is what limits concurrent writers. So the writes
 * that queue up while one batch runs are run back to back inside ONE outer transaction, each logical
 * transaction in its own SAVEPOINT, and the batch ends with a single COMMIT. Callers hear back only after
 * that COMMIT: an acknowledged write is as durable as it was with one COMMIT per write.
 *
 * better-sqlite3 is synchronous, so the fsync blocks the event loop: no JavaScript runs, and so no write
 * can queue, while a COMMIT is syncing. Requests pile up in the kernel instead and reach their writes in
 * the event-loop turn after it. So under sustained write load (a COMMIT ended moments ago) a new batch
 * waits one turn (`setImmediate`, no timer) before queuing for the connection; an idle store starts it at
 * once.
 */
import { AsyncResource } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { AsyncMutex } from "./asyncMutex.js";

/** Bounds of one batch; both keep a writer's added latency to about one batch of work. */
export interface GroupCommitOptions {
  /** Most logical transactions in one batch; default 64. 1 turns group commit off. */
  maxBatchSize?: number;
  /**
   * A batch stops taking new members once it has run this long; default 4 ms. Also the window after a
   * COMMIT within which the store counts as under write load (see the module comment).
   */
  maxBatchMs?: number;
}

/** Counters for tests and diagnostics; cumulative since the store opened. */
export interface GroupCommitStats {
  /** Physical COMMITs of write batches (each one fsync). `exclusive()` work commits on its own and is not counted. */
  commits: number;
  /** Logical transactions and standalone writes acknowledged by those COMMITs. */
  committed: number;
  /** Logical transactions whose body threw, rolled back to their savepoint (or lost with their batch). */
  failed: number;
  /** Members in the largest batch so far. */
  largestBatch: number;
}

/** One logical transaction waiting for, or running in, a batch. */
interface Member {
  /** The body, bound to the async context of the caller that submitted it. */
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A batch: created with its first member and scheduled on the mutex at once, so it keeps its place in line. */
interface Batch {
  members: Member[];
  /** False once the runner has taken its last member (or the batch is full or over its time). */
  open: boolean;
  /** `performance.now()` when the runner began it; undefined while it waits for the mutex. */
  startedAt: number | undefined;
}

/** How a member's body ended; settled only after the batch's COMMIT (or its loss). */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

// Deliberately unusual, so a body that makes savepoints of its own through `tx.native` cannot collide.
const SAVEPOINT = '"shenbao_logical_tx"';

/**
 * Runs submitted write bodies in batches on `db`, each batch holding `mutex` from BEGIN to COMMIT, so reads
 * and `exclusive()` work (which take the same mutex) only ever run between batches and never see another
 * caller's uncommitted writes.
 */
export class GroupCommit {
  private readonly maxBatchSize: number;
  private readonly maxBatchMs: number;
  /** The newest batch that still takes members: waiting for the mutex, or running. */
  private openBatch: Batch | undefined;
  /** `performance.now()` at the end of the last COMMIT. */
  private lastCommitAt = -Infinity;
  /** Batches created and not yet settled, for `settled()`. */
  private readonly unsettled = new Set<Promise<void>>();
  private readonly counters: GroupCommitStats = { commits: 0, committed: 0, failed: 0, largestBatch: 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly mutex: AsyncMutex,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatchSize = Math.max(1, Math.trunc(options.maxBatchSize ?? 64));
    this.maxBatchMs = Math.max(0, options.maxBatchMs ?? 4);
  }

  /**
   * Runs `body` as one logical transaction in the next batch with room; resolves with its value once the
   * batch has committed, or rejects with its error (its writes rolled back, the batch's other members
   * unaffected). `body` runs in the caller's async context. It must only touch `db` while it runs.
   */
  submit<R>(body: () => R | Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      // Bodies run on whichever caller's call started the runner; bind each to its own caller's context
      // so AsyncLocalStorage users (request ids in logs, the store's own tx frame) see the right one.
      this.join({ run: AsyncResource.bind(body), resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Resolves once every batch created so far has committed or failed (for closing the connection). */
  async settled(): Promise<void> {
    while (this.unsettled.size > 0) await Promise.all(this.unsettled);
  }

  /** A copy of the counters. */
  stats(): GroupCommitStats {
    return { ...this.counters };
  }

  private join(member: Member): void {
    let batch = this.openBatch;
    if (!batch || !this.hasRoom(batch)) {
      batch = { members: [], open: true, startedAt: undefined };
      this.openBatch = batch;
      const scheduled = batch;
      // runBatch never rejects.
      const queue = () => this.mutex.run(() => this.runBatch(scheduled));
      let done: Promise<void>;
      if (performance.now() - this.lastCommitAt < this.maxBatchMs) {
        // Under load: let the requests that arrived during the last fsync reach their writes first, so
        // they share this batch's COMMIT. Reads and exclusive() work queued meanwhile run before the
        // batch; they only ever see committed data, and none of these writes is acknowledged yet.
        done = new Promise<void>((resolve) => setImmediate(() => void queue().then(resolve)));
      } else {
        // Queued now, in FIFO order with the reads and exclusive() work that callers queue after it.
        done = queue();
      }
      this.unsettled.add(done);
      void done.then(() => this.unsettled.delete(done));
    }
    batch.members.push(member);
    if (batch.members.length >= this.maxBatchSize) this.close(batch);
  }

  private hasRoom(batch: Batch): boolean {
    return (
      batch.open &&
      batch.members.length < this.maxBatchSize &&
      (batch.startedAt === undefined || performance.now() - batch.startedAt < this.maxBatchMs)
    );
  }

  private close(batch: Batch): void {
    batch.open = false;
    if (this.openBatch === batch) this.openBatch = undefined;
  }

  /** BEGIN, each member in its savepoint (members may still join while earlier ones run), COMMIT, settle. */
  private async runBatch(batch: Batch): Promise<void> {
    batch.startedAt = performance.now();
    try {
      // IMMEDIATE takes the write lock up front, so a second process makes us wait here (busy_timeout),
      // not fail halfway through a batch.
      this.db.exec("BEGIN IMMEDIATE");
    } catch (error) {
      this.close(batch);
      this.counters.failed += batch.members.length;
      for (const member of batch.members) member.reject(error);
      return;
    }

    const outcomes: Outcome[] = [];
    // A flag besides the error: a body may throw `undefined`.
    let isLost = false;
    let lost: unknown;
    for (let i = 0; i < batch.members.length; i++) {
      const outcome = await this.runMember(batch.members[i]!);
      outcomes.push(outcome);
      if (!this.db.inTransaction) {
        // SQLite itself rolled the whole transaction back (SQLITE_FULL, an I/O error…), or a body ended
        // it: every earlier member's writes are gone with it.
        isLost = true;
        lost = outcome.ok
          ? new Error("the store transaction ended inside a transaction body")
          : outcome.error;
        break;
      }
    }
    // Synchronous from here to the COMMIT: no member can join a batch that is about to commit.
    this.close(batch);
    const ran = batch.members.slice(0, outcomes.length);
    const notRun = batch.members.slice(outcomes.length);

    if (!isLost) {
      try {
        this.db.exec("COMMIT");
        this.lastCommitAt = performance.now();
        this.counters.commits++;
        this.counters.largestBatch = Math.max(this.counters.largestBatch, ran.length);
      } catch (error) {
        isLost = true;
        lost = error;
      }
    }
    if (isLost) this.rollbackQuietly();

    ran.forEach((member, i) => {
      const outcome = outcomes[i]!;
      if (!outcome.ok) {
        // Its own error either way: none of its writes committed.
        this.counters.failed++;
        member.reject(outcome.error);
      } else if (isLost) {
        this.counters.failed++;
        member.reject(
          new Error("rolled back with its write batch before COMMIT; nothing was written", { cause: lost }),
        );
      } else {
        this.counters.committed++;
        member.resolve(outcome.value);
      }
    });
    // Members behind a lost batch never ran, so running them in a later batch is safe (and fair to them).
    for (const member of notRun) this.join(member);
  }

  /** Runs one body inside its savepoint; a throw rolls back to the savepoint only. */
  private async runMember(member: Member): Promise<Outcome> {
    let outcome: Outcome;
    try {
      this.db.exec(`SAVEPOINT ${SAVEPOINT}`);
    } catch (error) {
      return { ok: false, error };
    }
    try {
      outcome = { ok: true, value: await member.run() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (!this.db.inTransaction) return outcome;
    try {
      // ROLLBACK TO keeps the savepoint open; RELEASE then removes it (and any the body left open).
      if (!outcome.ok) this.db.exec(`ROLLBACK TO ${SAVEPOINT}`);
      this.db.exec(`RELEASE ${SAVEPOINT}`);
    } catch (error) {
      // The body released or rolled back our savepoint itself: its writes can no longer be isolated
      // from the batch, so the batch is rolled back whole (see runBatch).
      this.rollbackQuietly();
      return { ok: false, error };
    }
    return outcome;
  }

  /** Rolls the outer transaction back if one is open; never throws (runBatch must always settle callers). */
  private rollbackQuietly(): void {
    try {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
    } catch {
      // The connection is broken beyond a rollback; the callers still hear the error that got us here.
    }
  }
}
