/** `invitationExpire` (TCH-3): marks a live invitation 已过期 at its expiry. */
import { invitationExpirer } from "../commands/invitationExpirer.js";
import { INVITATION_JOB_NAMES, type InvitationJobPayload } from "../invitations/invitationJobs.js";
import type { Task } from "./index.js";
import { invitationIdOf } from "./invitationPayload.js";

/** The expire job; "early" (clocks disagree) fails so the queue retries it later. */
export const invitationExpireTask: Task<InvitationJobPayload> = {
  name: INVITATION_JOB_NAMES.expire,
  async perform(payload, { ports, services, logger }) {
    const outcome = await invitationExpirer(
      { store: ports.store, clock: services.clock },
      { invitationId: invitationIdOf(payload) },
    );
    if (outcome === "early") throw new Error("expire job ran before the invitation's expiry");
    logger.info({ outcome }, "invitation expire");
  },
};
