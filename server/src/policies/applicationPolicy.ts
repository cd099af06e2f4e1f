/**
 * Who may do what with an application. Only the candidate who owns it for now (APP access rules);
 * reviewers of the application's region join here with the review work (REV-1). Anyone else is told the
 * application does not exist, so ids reveal nothing.
 */
import { ForbiddenError, NotFoundError } from "../errors.js";
import type { ApplicationDoc } from "../store/collections.js";
import type { Actor } from "./actor.js";
import { requireSignedIn } from "./requireSignedIn.js";

/** `view` covers the task list, details and sections; `edit` the type and section saves. */
export type ApplicationAction = "view" | "edit" | "submit" | "withdraw";

const isOwner = (actor: Actor, application: Pick<ApplicationDoc, "userId">) =>
  actor.userId === application.userId;

// One line per action, so a reader sees every grant in one place.
const RULES: Record<
  ApplicationAction,
  (actor: Actor, application: Pick<ApplicationDoc, "userId">) => boolean
> = {
  view: isOwner,
  edit: isOwner,
  submit: isOwner,
  withdraw: isOwner,
};

/**
 * Returns the actor when `action` is allowed on `application`; `NotSignedInError` without a session,
 * `NotFoundError` (404) for a missing application or one that is not the actor's.
 */
export function authorize(
  actor: Actor | undefined,
  action: ApplicationAction,
  application: Pick<ApplicationDoc, "userId"> | null,
): Actor {
  const signedIn = requireSignedIn(actor);
  if (application === null || !RULES[action](signedIn, application)) throw new NotFoundError();
  return signedIn;
}

/** Starting an application (APP-1) is for candidates; staff accounts apply with a candidate account. */
export function authorizeStart(actor: Actor | undefined): Actor {
  const signedIn = requireSignedIn(actor);
  if (!signedIn.roles.includes("candidate")) throw new ForbiddenError();
  return signedIn;
}
