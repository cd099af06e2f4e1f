/**
 * Administrators' pages and APIs (queue view, registry, editions): 401 without a session, 403 for anyone
 * who is not an administrator.
 */
import { ForbiddenError } from "../errors.js";
import type { Actor } from "./actor.js";
import { requireSignedIn } from "./requireSignedIn.js";

/** The signed-in administrator, or throws. */
export function requireAdmin(actor: Actor | undefined): Actor {
  const signedIn = requireSignedIn(actor);
  if (!signedIn.roles.includes("admin")) throw new ForbiddenError();
  return signedIn;
}
