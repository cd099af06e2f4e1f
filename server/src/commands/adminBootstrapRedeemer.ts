/**
 * First-administrator bootstrap, the redeeming half (issue 4 item 6): the signed-in user who presents the
 * token from the start-up log becomes administrator, the token is consumed, and the audit log says so,
 * all in one transaction.
 */
import { secretTokenMatches } from "../auth/secretTokens.js";
import { AdminBootstrapInvalidError, NotSignedInError, RevisionConflictError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type UserDoc, type UserRole } from "../store/collections.js";
import { ADMIN_BOOTSTRAP_ID } from "./adminBootstrapIssuer.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** The signed-in user and the token as the bootstrap page read it from the link. */
export interface AdminBootstrapRedemption {
  userId: string;
  token: string;
}

/** Makes the user administrator; throws `AdminBootstrapInvalidError` (403) for a wrong, expired or used token. */
export async function adminBootstrapRedeemer(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: AdminBootstrapRedemption,
): Promise<Stored<UserDoc>> {
  const now = deps.clock.now();
  try {
    return await deps.store.transaction(async (tx) => {
      const { adminBootstrap, users } = collectionsOf(tx);
      const bootstrap = await adminBootstrap.get(ADMIN_BOOTSTRAP_ID);
      if (
        !bootstrap ||
        bootstrap.completedAt !== undefined ||
        bootstrap.expiresAt === undefined ||
        now >= bootstrap.expiresAt ||
        !secretTokenMatches(input.token, bootstrap.tokenHash)
      ) {
        throw new AdminBootstrapInvalidError();
      }
      const user = await users.get(input.userId);
      if (!user) throw new NotSignedInError();
      // The revision makes the token single-use even when two browsers present it at once.
      await adminBootstrap.replace(ADMIN_BOOTSTRAP_ID, bootstrap.rev, {
        completedAt: now,
        completedBy: user._id,
      });
      const roles: UserRole[] = user.roles.includes("admin") ? user.roles : [...user.roles, "admin"];
      const { _id, rev, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = user;
      const promoted = await users.replace(_id, rev, { ...fields, roles });
      await appendAudit(tx, {
        actor: user._id,
        action: "user.bootstrapAdministrator",
        entity: "users",
        entityId: user._id,
        before: { roles: user.roles },
        after: { roles },
        at: now,
      });
      return promoted;
    });
  } catch (error) {
    if (error instanceof RevisionConflictError) throw new AdminBootstrapInvalidError();
    throw error;
  }
}
