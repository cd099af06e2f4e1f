/** `invitationRemind` (TCH-3): the day-3 and day-7 reminders while the invitation is unsigned. */
import { invitationReminder } from "../commands/invitationNotifier.js";
import { PermanentJobError } from "../errors.js";
import { INVITATION_JOB_NAMES, type InvitationRemindPayload } from "../invitations/invitationJobs.js";
import type { Task } from "./index.js";
import { invitationIdOf } from "./invitationPayload.js";

/** The remind job; a reminder for a signed, revoked or expired invitation does nothing. */
export const invitationRemindTask: Task<InvitationRemindPayload> = {
  name: INVITATION_JOB_NAMES.remind,
  async perform(payload, { ports, services, logger }) {
    const day = (payload as { day?: unknown } | null)?.day;
    if (typeof day !== "number" || !Number.isInteger(day)) throw new PermanentJobError("payload has no day");
    const outcome = await invitationReminder(
      {
        store: ports.store,
        cipher: services.cipher,
        clock: services.clock,
        sender: services.sender,
        jobOrigin: services.invitations.jobOrigin,
      },
      { invitationId: invitationIdOf(payload), day },
    );
    logger.info({ outcome, day }, "invitation remind");
  },
};
