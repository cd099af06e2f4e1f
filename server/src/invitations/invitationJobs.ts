/**
 * The jobs an invitation should have (TCH-3): `notify` while not yet sent, `remind` on days 3 and 7 while
 * unsigned, `expire` at its expiry. Job ids are deterministic (`invitation:<id>:notify`, …), so the
 * inviter's transactional enqueue and the reconciler's repeats dedupe to one job each.
 */
import type { EnqueueOptions, Queue } from "../ports/queue.js";
import type { Stored, StoreTx } from "../ports/store.js";
import type { InvitationDoc } from "../store/collections.js";
import { DAY_MS, INVITATION_REMIND_DAYS } from "./invitationSettings.js";
import { isLive } from "./invitationStates.js";

/** Queue names of the invitation tasks. */
export const INVITATION_JOB_NAMES = {
  notify: "invitationNotify",
  remind: "invitationRemind",
  expire: "invitationExpire",
} as const;

/** Payload of notify and expire: ids only. */
export interface InvitationJobPayload {
  invitationId: string;
}

/** Payload of a reminder: the invitation and which day's reminder. */
export interface InvitationRemindPayload extends InvitationJobPayload {
  day: number;
}

/** One job to enqueue. */
export interface PlannedJob {
  name: string;
  payload: InvitationJobPayload | InvitationRemindPayload;
  options: EnqueueOptions & { jobId: string };
}

// Messages go to an SMS service that may be down for a while: retry for about an hour before giving up
// (the reconciler does not re-send a failed notify: its job id still exists while retained).
const MESSAGE_RETRIES: Pick<EnqueueOptions, "attempts" | "backoff"> = {
  attempts: 8,
  backoff: { type: "exponential", delay: 30_000 },
};

/** What `doc` should have queued as of `now`; nothing for an invitation that is no longer live. */
export function plannedInvitationJobs(doc: Stored<InvitationDoc>, now: number): PlannedJob[] {
  if (!isLive(doc.state)) return [];
  const id = doc._id;
  const jobs: PlannedJob[] = [];
  if (doc.state === "pending") {
    jobs.push({
      name: INVITATION_JOB_NAMES.notify,
      payload: { invitationId: id },
      options: { jobId: `invitation:${id}:notify`, ...MESSAGE_RETRIES },
    });
  }
  for (const day of INVITATION_REMIND_DAYS) {
    const at = doc.issuedAt + day * DAY_MS;
    // A reminder after the link's end would point at a dead link.
    if (doc.remindersSent.includes(day) || at >= doc.expiresAt) continue;
    jobs.push({
      name: INVITATION_JOB_NAMES.remind,
      payload: { invitationId: id, day },
      options: { jobId: `invitation:${id}:remind:${day}`, delay: Math.max(0, at - now), ...MESSAGE_RETRIES },
    });
  }
  jobs.push({
    name: INVITATION_JOB_NAMES.expire,
    payload: { invitationId: id },
    options: { jobId: `invitation:${id}:expire`, delay: Math.max(0, doc.expiresAt - now) },
  });
  return jobs;
}

/** Enqueues the planned jobs of `doc` inside `tx`: they exist exactly when the invitation does. */
export async function enqueueInvitationJobsIn(
  queue: Queue,
  tx: StoreTx,
  doc: Stored<InvitationDoc>,
  now: number,
): Promise<void> {
  for (const job of plannedInvitationJobs(doc, now))
    await queue.enqueueIn(tx, job.name, job.payload, job.options);
}
