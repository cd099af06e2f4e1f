/**
 * The one place job handlers are registered by name. Each task is idempotent, takes ids only and calls the
 * same commands the routes call.
 */
import type { Logger } from "../logger.js";
import type { Ports } from "../ports/index.js";

/** A job type: its queue name and what it does. */
export interface Task<P> {
  name: string;
  perform(payload: P, ports: Ports, logger: Logger): Promise<void>;
}

/** Every task the worker runs; issues add theirs here. */
export const TASKS: Task<never>[] = [];

/** Registers every task's handler on the queue. */
export function registerTasks(ports: Ports, logger: Logger): void {
  for (const task of TASKS) {
    ports.queue.register<never>(task.name, (job) =>
      task.perform(job.payload, ports, logger.child({ job: job.name, jobId: job.id })),
    );
  }
}
