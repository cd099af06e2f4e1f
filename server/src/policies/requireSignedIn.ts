/** The first rule of every non-public route: a session must be present. */
import { NotSignedInError } from "../errors.js";
import type { Actor } from "./actor.js";

/** Returns the actor, or throws `NotSignedInError` (401 「请先登录」) when the request has no live session. */
export function requireSignedIn(actor: Actor | undefined): Actor {
  if (!actor) throw new NotSignedInError();
  return actor;
}
