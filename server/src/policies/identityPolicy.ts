/**
 * Who may do what with 实名认证 records: owners read their own photos (their own attempt is read through
 * GET /api/identity, which only ever loads the caller's); administrators read every photo and decide
 * pending requests, except their own. Other users are told a photo does not exist.
 */
import { ForbiddenError, NotFoundError } from "../errors.js";
import type { Actor } from "./actor.js";
import { requireSignedIn } from "./requireSignedIn.js";

/** `readPhoto` an uploaded photo, `listRequests` the review queue, `review` one request. */
export type IdentityAction = "readPhoto" | "listRequests" | "review";

/** The record an action is about: whose it is. */
export interface IdentitySubject {
  ownerId: string;
}

const isAdmin = (actor: Actor) => actor.roles.includes("admin");
const isOwner = (actor: Actor, subject?: IdentitySubject) => subject?.ownerId === actor.userId;

// One line per action, so a reader sees every grant in one place.
const RULES: Record<IdentityAction, (actor: Actor, subject?: IdentitySubject) => boolean> = {
  readPhoto: (actor, subject) => isOwner(actor, subject) || isAdmin(actor),
  listRequests: (actor) => isAdmin(actor),
  // Nobody approves their own identity (REV-4): a second administrator has to.
  review: (actor, subject) => isAdmin(actor) && !isOwner(actor, subject),
};

/**
 * Returns the actor when `action` is allowed. Throws `NotSignedInError` without a session, `NotFoundError`
 * for someone else's record (ids reveal nothing) and `ForbiddenError` for administrator actions.
 */
export function authorize(
  actor: Actor | undefined,
  action: IdentityAction,
  subject?: IdentitySubject,
): Actor {
  const signedIn = requireSignedIn(actor);
  if (RULES[action](signedIn, subject)) return signedIn;
  if (action === "readPhoto") throw new NotFoundError();
  throw new ForbiddenError(action === "review" && isAdmin(signedIn) ? "不能审核本人的认证申请" : undefined);
}
