/**
 * The invitation documents are the source of truth for their jobs (TCH-3): on worker start and every few
 * minutes, every live invitation gets what it should have queued enqueued again. Deterministic job ids
 * make this a no-op for jobs that exist; it restores jobs lost with Redis data or pruned too early.
 */
import type { Logger } from "../logger.js";
import type { Clock } from "../ports/clock.js";
import type { Queue } from "../ports/queue.js";
import type { Store } from "../ports/store.js";
import { plannedInvitationJobs } from "../invitations/invitationJobs.js";
import { RECONCILE_INTERVAL_MS } from "../invitations/invitationSettings.js";
import { LIVE_STATES } from "../invitations/invitationStates.js";
import { collectionsOf } from "../store/collections.js";

const PAGE = 200;

/** Enqueues the planned jobs of every live invitation; returns how many enqueues were asked for. */
export async function reconcileInvitations(deps: {
  store: Store;
  queue: Queue;
  clock: Clock;
}): Promise<number> {
  const { invitations } = collectionsOf(deps.store);
  let enqueued = 0;
  let cursor: string | undefined;
  do {
    const page = await invitations.find(
      { state: { $in: [...LIVE_STATES] } },
      { sort: { _id: 1 }, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) },
    );
    const now = deps.clock.now();
    for (const invitation of page.items) {
      for (const job of plannedInvitationJobs(invitation, now)) {
        await deps.queue.enqueue(job.name, job.payload, job.options);
        enqueued += 1;
      }
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return enqueued;
}

/** A running reconciler: `stop()` ends the timer and waits for a pass in progress. */
export interface InvitationReconciler {
  stop(): Promise<void>;
}

/** Runs `reconcileInvitations` now and then every `intervalMs`, never two passes at once. */
export function startInvitationReconciler(
  deps: { store: Store; queue: Queue; clock: Clock; logger: Logger },
  intervalMs = RECONCILE_INTERVAL_MS,
): InvitationReconciler {
  let running: Promise<void> | undefined;
  const pass = () => {
    running ??= reconcileInvitations(deps)
      .then((count) => deps.logger.debug({ enqueued: count }, "invitation reconciler pass"))
      // Redis may be away: the next pass tries again, and the documents lose nothing meanwhile.
      .catch((err: unknown) => deps.logger.error({ err }, "invitation reconciler pass failed"))
      .finally(() => (running = undefined));
  };
  pass();
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
