/**
 * The queue port: named, idempotent jobs with delay, retries and deterministic ids.
 * Adapters: an embedded durable queue in the SQLite file, and BullMQ on Redis.
 */
import type { StoreTx } from "./store.js";

/**
 * How a job is scheduled. `jobId` (any non-empty string) dedupes: an enqueue whose id belongs to a job that
 * still exists (waiting, running, or finished and not yet pruned after its retention) is ignored.
 */
export interface EnqueueOptions {
  jobId?: string;
  /** Milliseconds before the job may run. */
  delay?: number;
  /** Total attempts including the first; default 3. */
  attempts?: number;
  /** Wait before each retry: fixed `delay`, or `delay` · 2^(failures − 1); default exponential from 1 000 ms. */
  backoff?: { type: "fixed" | "exponential"; delay: number };
}

/** What a handler receives. Payloads hold ids only. */
export interface JobContext<P> {
  id: string;
  name: string;
  payload: P;
  /** 1 on the first run; a run cut short by a dead worker does not count (the rerun has the same number). */
  attempt: number;
}

/** A handler for one job name. */
export type JobHandler<P = unknown> = (job: JobContext<P>) => Promise<void>;

/** The queue port. */
export interface Queue {
  /** Adapter name as shown in /healthz: "embedded" | "bullmq". */
  readonly kind: string;
  /** Adds a job now; it may run before the caller's own store writes commit (use `enqueueIn` for those). */
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<void>;
  /** Enqueues as part of a store transaction: the job becomes visible only if that transaction commits. */
  enqueueIn<P>(tx: StoreTx, name: string, payload: P, options?: EnqueueOptions): Promise<void>;
  /** One handler per name, registered before `start()`; a job whose name has none fails without retry. */
  register<P>(name: string, handler: JobHandler<P>): void;
  /** Starts processing registered handlers (worker side). */
  start(): Promise<void>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  /** Stops taking jobs, waits for running ones (which may still enqueue), releases connections. */
  close(): Promise<void>;
}
