/**
 * "Invitation select → message in the outbox" (issue 5): the app and worker run in a child
 * (`invitationChild.ts`); this process selects a supervisor through `POST /api/applications/:id/invitations`
 * and times from the answer's arrival to the notify line appearing in `<dataDir>/outbox.jsonl`. Selections
 * go one at a time, so the figure is the path's latency, not a queue under load. Every wait is bounded, and
 * the child is killed by its PID however the phase ends.
 */
import { fork, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readSync, statSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { OUTBOX_FILE } from "../src/providers/sender/outboxSender.js";
import type { InvitationChildReady } from "./invitationChild.js";
import { median, percentile } from "./stats.js";

/** How many selections a phase makes and how long it may take in all. */
export interface InvitationBenchSettings {
  invitations: number;
  /** Child start-up and preparation (N candidates) included. */
  phaseTimeoutMs: number;
  /** For one message to appear after its selection returned. */
  messageTimeoutMs: number;
}

/** What one queue adapter measured; `samplesMs` are select-return → outbox-line times, in order. */
export interface InvitationFigures {
  queue: "embedded" | "bullmq";
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samplesMs: number[];
  /** Selections whose message was already in the outbox when the answer arrived (counted as 0 ms). */
  beforeAnswer: number;
  /** Set when the phase stopped early (timeout, failed selection, child exit); figures cover what was measured. */
  error?: string;
}

const CHILD = fileURLToPath(new URL("invitationChild.ts", import.meta.url));

/** Measures the embedded queue (SQLite-backed, same process as the web role). */
export function measureEmbeddedInvitations(settings: InvitationBenchSettings): Promise<InvitationFigures> {
  // Said explicitly, so a SHENBAO_QUEUE in the bench's own environment cannot swap the adapter.
  return measurePhase("embedded", { SHENBAO_QUEUE: "embedded" }, settings);
}

/**
 * Measures BullMQ on Redis at `redisUrl` under a prefix of its own (the SQLite store's outbox relays jobs
 * to Redis); every key under the prefix is deleted afterwards.
 */
export async function measureBullmqInvitations(
  redisUrl: string,
  settings: InvitationBenchSettings,
): Promise<InvitationFigures> {
  const prefix = `shenbao-bench-${process.pid}-${Date.now()}`;
  try {
    return await measurePhase(
      "bullmq",
      { SHENBAO_QUEUE: "bullmq", REDIS_URL: redisUrl, SHENBAO_QUEUE_PREFIX: prefix },
      settings,
    );
  } finally {
    await deleteKeys(redisUrl, prefix).catch((error: unknown) =>
      console.error(`bench: could not delete Redis keys ${prefix}:*`, error),
    );
  }
}

async function measurePhase(
  queue: InvitationFigures["queue"],
  env: Record<string, string>,
  settings: InvitationBenchSettings,
): Promise<InvitationFigures> {
  const samples: number[] = [];
  let beforeAnswer = 0;
  const child: ChildProcess = fork(CHILD, [String(settings.invitations)], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const killChild = () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
      process.kill(child.pid, "SIGKILL");
  };
  // An interrupted bench must not leave the child (and its Redis connections) behind.
  process.once("exit", killChild);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let tail: OutboxTail | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`phase timed out after ${settings.phaseTimeoutMs} ms`)),
      settings.phaseTimeoutMs,
    );
  });
  const run = async () => {
    const ready = await new Promise<InvitationChildReady>((resolve, reject) => {
      child.once("message", (message) => resolve(message as InvitationChildReady));
      child.once("exit", (code) => reject(new Error(`invitation child exited with ${code}`)));
    });
    if (ready.queue !== queue) throw new Error(`child runs the ${ready.queue} queue, not ${queue}`);
    tail = new OutboxTail(path.join(ready.dataDir, OUTBOX_FILE));
    for (const slot of ready.slots) {
      const response = await fetch(`${ready.url}/api/applications/${slot.applicationId}/invitations`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: slot.cookie },
        body: JSON.stringify({ role: "supervisor", ref: slot.ref }),
      });
      const answer = (await response.json()) as { invitation?: { id: string } };
      const returned = performance.now();
      const id = answer.invitation?.id;
      if (response.status !== 201 || id === undefined)
        throw new Error(`selection answered ${response.status}: ${JSON.stringify(answer)}`);
      const seen = await tail.waitFor(`invitation:${id}:notify`, settings.messageTimeoutMs);
      if (seen <= returned) beforeAnswer++;
      samples.push(Math.max(0, seen - returned));
    }
  };
  let error: string | undefined;
  try {
    await Promise.race([run(), timedOut]);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  } finally {
    clearTimeout(timer);
    tail?.close();
    if (child.connected) child.send("stop");
    // A graceful stop closes the store and Redis; one that hangs is cut short.
    const grace = setTimeout(killChild, 10_000);
    await exited;
    clearTimeout(grace);
    process.removeListener("exit", killChild);
  }
  return {
    queue,
    p50Ms: median(samples),
    p95Ms: percentile(samples, 95),
    maxMs: samples.length === 0 ? Number.NaN : Math.max(...samples),
    samplesMs: samples,
    beforeAnswer,
    ...(error === undefined ? {} : { error }),
  };
}

/**
 * Follows the outbox file as the sender appends to it and notes when each idempotency key first appears.
 * inotify (`fs.watch` on the folder) reports appends at once; a short poll covers missed events.
 */
class OutboxTail {
  readonly #file: string;
  readonly #seen = new Map<string, number>();
  readonly #waiters = new Map<string, () => void>();
  readonly #watcher: FSWatcher;
  readonly #poll: NodeJS.Timeout;
  #offset = 0;
  #partial = "";

  constructor(file: string) {
    this.#file = file;
    this.#watcher = watch(path.dirname(file), () => this.#read());
    this.#poll = setInterval(() => this.#read(), 20);
    this.#read();
  }

  /** The `performance.now()` at which a line with `key` was first read; rejects after `timeoutMs`. */
  waitFor(key: string, timeoutMs: number): Promise<number> {
    this.#read();
    const seen = this.#seen.get(key);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(key);
        reject(new Error(`no outbox line ${key} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(key, () => {
        clearTimeout(timer);
        resolve(this.#seen.get(key)!);
      });
    });
  }

  close(): void {
    this.#watcher.close();
    clearInterval(this.#poll);
  }

  #read(): void {
    if (!existsSync(this.#file)) return;
    const size = statSync(this.#file).size;
    if (size <= this.#offset) return;
    const now = performance.now();
    const buffer = Buffer.alloc(size - this.#offset);
    const fd = openSync(this.#file, "r");
    try {
      readSync(fd, buffer, 0, buffer.length, this.#offset);
    } finally {
      closeSync(fd);
    }
    this.#offset = size;
    const lines = (this.#partial + buffer.toString("utf8")).split("\n");
    this.#partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      const key = (JSON.parse(line) as { idempotencyKey?: string }).idempotencyKey;
      if (key === undefined || this.#seen.has(key)) continue;
      this.#seen.set(key, now);
      this.#waiters.get(key)?.();
      this.#waiters.delete(key);
    }
  }
}

/** Deletes every key under `prefix:` (SCAN, never KEYS, so a shared Redis is not blocked). */
async function deleteKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  redis.on("error", () => undefined);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}
