/**
 * The `expire` work of an invitation (TCH-3): at its expiry a live invitation becomes 已过期. The teacher's
 * page already refuses an invitation past its time without waiting for this job (`effectiveState`).
 */
import { PermanentJobError } from "../errors.js";
import { nextState } from "../invitations/invitationStates.js";
import { changeInvitation, invitationFields } from "../invitations/invitationUpdates.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** Expires the invitation if it is live and due; "early" makes the task retry later. */
export async function invitationExpirer(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { invitationId: string },
): Promise<"expired" | "skipped" | "early"> {
  let early = false;
  const changed = await changeInvitation(deps.store, input.invitationId, (current) => {
    const now = deps.clock.now();
    const state = nextState(current.state, "expired");
    early = state !== undefined && now < current.expiresAt;
    if (state === undefined || early) return undefined;
    return {
      doc: { ...invitationFields(current), state, expiredAt: now },
      result: "expired" as const,
      after: (tx) =>
        appendAudit(tx, {
          actor: "system:invitationExpire",
          action: "invitation.expired",
          entity: "invitations",
          entityId: current._id,
          before: { state: current.state },
          after: { state },
          at: now,
        }),
    };
  });
  if (changed === null) throw new PermanentJobError(`invitation ${input.invitationId} does not exist`);
  return changed.result ?? (early ? "early" : "skipped");
}
