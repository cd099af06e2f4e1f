/**
 * What both queue adapters agree on: option defaults and validation, the backoff formula, retention, and
 * how a job looks when inspected. Keeping them in one place is what makes the two adapters interchangeable.
 */
import type { EnqueueOptions } from "../ports/queue.js";

/** Attempts when `EnqueueOptions.attempts` is not given (the port's documented default). */
export const DEFAULT_ATTEMPTS = 3;

/** Backoff when `EnqueueOptions.backoff` is not given: 1 s, 2 s, 4 s … so a flapping provider gets air. */
export const DEFAULT_BACKOFF: Required<EnqueueOptions>["backoff"] = { type: "exponential", delay: 1_000 };

/**
 * How long finished jobs are kept for inspection; while kept, their id still dedupes (BullMQ semantics:
 * an enqueue with the id of a job that still exists, in any state, is ignored).
 */
export const DEFAULT_RETENTION = { completedMs: 7 * 24 * 3600_000, failedMs: 30 * 24 * 3600_000 };

/** Enqueue options with every default applied and every value checked. */
export interface ResolvedJobOptions {
  jobId: string | undefined;
  delay: number;
  attempts: number;
  backoff: { type: "fixed" | "exponential"; delay: number };
}

/** Applies the defaults and rejects nonsense early, at the caller, rather than in a worker later. */
export function resolveJobOptions(name: string, options: EnqueueOptions = {}): ResolvedJobOptions {
  if (typeof name !== "string" || name.length === 0) throw new TypeError("a job needs a non-empty name");
  const { jobId, delay = 0, attempts = DEFAULT_ATTEMPTS, backoff = DEFAULT_BACKOFF } = options;
  if (jobId !== undefined && (typeof jobId !== "string" || jobId.length === 0)) {
    throw new TypeError(`job "${name}": jobId must be a non-empty string`);
  }
  if (!Number.isFinite(delay) || delay < 0) throw new TypeError(`job "${name}": delay must be a number ≥ 0`);
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new TypeError(`job "${name}": attempts must be an integer ≥ 1`);
  if (
    (backoff.type !== "fixed" && backoff.type !== "exponential") ||
    !Number.isFinite(backoff.delay) ||
    backoff.delay < 0
  ) {
    throw new TypeError(`job "${name}": backoff must be { type: "fixed" | "exponential", delay ≥ 0 }`);
  }
  return { jobId, delay: Math.round(delay), attempts, backoff: { type: backoff.type, delay: backoff.delay } };
}

/** Milliseconds before the next attempt after `attemptsMade` failed ones; BullMQ's built-in formula. */
export function backoffDelay(backoff: ResolvedJobOptions["backoff"], attemptsMade: number): number {
  return backoff.type === "fixed"
    ? backoff.delay
    : Math.round(2 ** Math.max(0, attemptsMade - 1) * backoff.delay);
}

/** Where a job is in its life; "delayed" is a waiting job whose time has not come. */
export type JobState = "waiting" | "delayed" | "active" | "completed" | "failed";

/** A job as an operator or a test inspects it (adapters expose it as `getJob(id)`, outside the port). */
export interface JobInfo {
  id: string;
  name: string;
  state: JobState;
  /** Attempts that ran to an end (success or failure); a run cut short by a dead process does not count. */
  attemptsMade: number;
  lastError?: string;
}

/** A readable one-line reason from whatever a handler threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
