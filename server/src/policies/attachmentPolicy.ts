/**
 * Who may do what with an attachment. Only the candidate who owns the application for now; reviewers and
 * administrators join here when the review work lands. Anyone else is told the attachment does not exist.
 */
import { NotFoundError } from "../errors.js";
import type { AttachmentDoc } from "../store/collections.js";
import type { Actor } from "./actor.js";
import { requireSignedIn } from "./requireSignedIn.js";

/**
 * `read` is a download or preview; `delete` a removal. Uploading is an edit of the application and is
 * decided by the application policy.
 */
export type AttachmentAction = "read" | "delete";

const isOwner = (actor: Actor, attachment: Pick<AttachmentDoc, "ownerId">) =>
  actor.userId === attachment.ownerId;

// One line per action, so a reader sees every grant in one place.
const RULES: Record<AttachmentAction, (actor: Actor, attachment: Pick<AttachmentDoc, "ownerId">) => boolean> =
  {
    read: isOwner,
    delete: isOwner,
  };

/**
 * Returns the actor when `action` is allowed on `attachment`. Throws `NotSignedInError` without a session
 * and `NotFoundError` (404) when not allowed, so ids of other people's files reveal nothing.
 */
export function authorize(
  actor: Actor | undefined,
  action: AttachmentAction,
  attachment: Pick<AttachmentDoc, "ownerId">,
): Actor {
  const signedIn = requireSignedIn(actor);
  if (!RULES[action](signedIn, attachment)) throw new NotFoundError();
  return signedIn;
}
