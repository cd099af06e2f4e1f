/**
 * The teacher opens the link (TCH-4, the notice step): the first open of a live invitation marks it 已查看.
 * Dead links are refused by `resolveTeacherInvitation` before anything is written.
 */
import { resolveTeacherInvitation } from "../invitations/invitationAccess.js";
import { nextState } from "../invitations/invitationStates.js";
import { changeInvitation, invitationFields } from "../invitations/invitationUpdates.js";
import type { Stored } from "../ports/store.js";
import type { InvitationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** The live invitation of `token`, marked viewed on its first open. */
export async function invitationViewer(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { token: string },
): Promise<Stored<InvitationDoc>> {
  const invitation = await resolveTeacherInvitation(deps.store, input.token, deps.clock.now());
  if (invitation.viewedAt !== undefined) return invitation;
  const changed = await changeInvitation(deps.store, invitation._id, (current) => {
    const state = nextState(current.state, "viewed");
    if (state === undefined || current.viewedAt !== undefined) return undefined;
    const now = deps.clock.now();
    return {
      doc: { ...invitationFields(current), state, viewedAt: now },
      result: undefined,
      after: (tx) =>
        appendAudit(tx, {
          actor: `teacher:${current._id}`,
          action: "invitation.viewed",
          entity: "invitations",
          entityId: current._id,
          before: { state: current.state },
          after: { state },
          at: now,
        }),
    };
  });
  return changed?.invitation ?? invitation;
}
