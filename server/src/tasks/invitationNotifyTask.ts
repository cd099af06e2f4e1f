/** `invitationNotify` (TCH-3): sends the invitation's link to the registry phone once. */
import { invitationNotifier } from "../commands/invitationNotifier.js";
import { INVITATION_JOB_NAMES, type InvitationJobPayload } from "../invitations/invitationJobs.js";
import type { Task } from "./index.js";
import { invitationIdOf } from "./invitationPayload.js";

/** The notify job; idempotent through the invitation's state and the sender's idempotency key. */
export const invitationNotifyTask: Task<InvitationJobPayload> = {
  name: INVITATION_JOB_NAMES.notify,
  async perform(payload, { ports, services, logger }) {
    const outcome = await invitationNotifier(
      {
        store: ports.store,
        cipher: services.cipher,
        clock: services.clock,
        sender: services.sender,
        jobOrigin: services.invitations.jobOrigin,
        notifyDelayMs: services.invitations.notifyDelayMs,
      },
      { invitationId: invitationIdOf(payload) },
    );
    logger.info({ outcome }, "invitation notify");
  },
};
