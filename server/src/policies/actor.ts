/** Who is making a request, as the session middleware found it; policies decide from this alone. */
import type { ReviewerScope, UserRole } from "../store/collections.js";

/** A signed-in user behind a request. */
export interface Actor {
  userId: string;
  roles: UserRole[];
  /** The session's document id (not its token), so commands can tell this session from the others. */
  sessionId: string;
  /** Where a reviewer works (REV-1); absent for everyone else. */
  reviewerScope?: ReviewerScope;
}
