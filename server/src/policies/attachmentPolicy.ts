/**
 * Who may do what with an attachment: the candidate who owns the application, and reviewers who may view that
 * application read (preview) it (REV-1). Anyone else is told the attachment does not exist.
 */
import { NotFoundError } from "../errors.js";
import type { ApplicationDoc, AttachmentDoc } from "../store/collections.js";
import type { Actor } from "./actor.js";
import { requireSignedIn } from "./requireSignedIn.js";
import { mayReview } from "./reviewPolicy.js";

/**
 * `read` is a download or preview; `delete` a removal. Uploading is an edit of the application and is
 * decided by the application policy.
 */
export type AttachmentAction = "read" | "delete";

const isOwner = (actor: Actor, attachment: Pick<AttachmentDoc, "ownerId">) =>
  actor.userId === attachment.ownerId;

// One line per action, so a reader sees every grant in one place.
type Application = Pick<ApplicationDoc, "review"> | null;

const RULES: Record<
  AttachmentAction,
  (actor: Actor, attachment: Pick<AttachmentDoc, "ownerId">, application: Application) => boolean
> = {
  read: (actor, attachment, application) =>
    isOwner(actor, attachment) || (application !== null && mayReview(actor, "view", application)),
  delete: isOwner,
};

/**
 * Returns the actor when `action` is allowed on `attachment` (of `application`, needed for reviewers). Throws `NotSignedInError` without a session
 * and `NotFoundError` (404) when not allowed, so ids of other people's files reveal nothing.
 */
export function authorize(
  actor: Actor | undefined,
  action: AttachmentAction,
  attachment: Pick<AttachmentDoc, "ownerId">,
  application: Application = null,
): Actor {
  const signedIn = requireSignedIn(actor);
  if (!RULES[action](signedIn, attachment, application)) throw new NotFoundError();
  return signedIn;
}
