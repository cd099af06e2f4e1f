/**
 * Who may do what with an invitation from the candidate's side (TCH-3, TCH-5): only the candidate who owns
 * the application. Teachers never act through this policy: their requests carry the link's token instead.
 * Anyone else is told the invitation does not exist.
 */
import { NotFoundError } from "../errors.js";
import type { InvitationDoc } from "../store/collections.js";
import type { Actor } from "./actor.js";
import { requireSignedIn } from "./requireSignedIn.js";

/** `view` covers the list entry, link and QR code; `revoke` the 撤回; `reissue` 请老师重新签名. */
export type InvitationAction = "view" | "revoke" | "reissue";

const isOwner = (actor: Actor, invitation: Pick<InvitationDoc, "candidateId">) =>
  actor.userId === invitation.candidateId;

// One line per action, so a reader sees every grant in one place.
const RULES: Record<
  InvitationAction,
  (actor: Actor, invitation: Pick<InvitationDoc, "candidateId">) => boolean
> = {
  view: isOwner,
  revoke: isOwner,
  reissue: isOwner,
};

/** Returns the actor when allowed; 401 without a session, 404 for a missing or someone else's invitation. */
export function authorize(
  actor: Actor | undefined,
  action: InvitationAction,
  invitation: Pick<InvitationDoc, "candidateId"> | null,
): Actor {
  const signedIn = requireSignedIn(actor);
  if (invitation === null || !RULES[action](signedIn, invitation)) throw new NotFoundError();
  return signedIn;
}
