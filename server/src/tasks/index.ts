/**
 * The one place job handlers are registered by name. Each task is idempotent, takes ids only and calls the
 * same commands the routes call.
 */
import type { AppServices } from "../appServices.js";
import type { Logger } from "../logger.js";
import type { Ports } from "../ports/index.js";
import { invitationExpireTask } from "./invitationExpireTask.js";
import { invitationNotifyTask } from "./invitationNotifyTask.js";
import { invitationRemindTask } from "./invitationRemindTask.js";

/** What a task's `perform` is given besides its payload. */
export interface TaskContext {
  ports: Ports;
  services: AppServices;
  logger: Logger;
}

/** A job type: its queue name and what it does. */
export interface Task<P> {
  name: string;
  perform(payload: P, context: TaskContext): Promise<void>;
}

/** Every task the worker runs; issues add theirs here. */
export const TASKS: Task<never>[] = [
  invitationNotifyTask as Task<never>,
  invitationRemindTask as Task<never>,
  invitationExpireTask as Task<never>,
];

/** Registers every task's handler on the queue. */
export function registerTasks(ports: Ports, services: AppServices, logger: Logger): void {
  for (const task of TASKS) {
    ports.queue.register<never>(task.name, (job) =>
      task.perform(job.payload, { ports, services, logger: logger.child({ job: job.name, jobId: job.id }) }),
    );
  }
}
