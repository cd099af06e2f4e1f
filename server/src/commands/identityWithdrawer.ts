/**
 * 「撤回认证」 (ID-5): a pending or verified attempt becomes withdrawn, and the user may start again (e.g.
 * switch from manual review to the automatic check). A verified identity under which an application has
 * been submitted cannot be withdrawn: the submitted application names that person, and reviewers rely on it.
 */
import { IdentityNotWithdrawableError, IdentityWithdrawalLockedError } from "../errors.js";
import { currentIdentityOf, identityAuditSummary, identityFields } from "../identity/identityRecords.js";
import type { IdentityCommandDeps } from "../identity/identityServices.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type IdentityDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";

/** Withdraws the user's current attempt and returns it as stored. */
export async function identityWithdrawer(
  deps: Pick<IdentityCommandDeps, "store" | "clock">,
  input: { userId: string },
): Promise<Stored<IdentityDoc>> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { identities, applications } = collectionsOf(tx);
    const current = await currentIdentityOf({ identities }, input.userId);
    if (current?.state !== "pending" && current?.state !== "verified")
      throw new IdentityNotWithdrawableError();
    if (current.state === "verified") {
      const own = await applications.find({ userId: input.userId }, { limit: 20 });
      if (own.items.some((application) => application.status === "submitted")) {
        throw new IdentityWithdrawalLockedError();
      }
    }
    const { currentUserId: _current, verifiedIdNumberHash: _verified, ...rest } = identityFields(current);
    const withdrawn = await identities.replace(current._id, current.rev, {
      ...rest,
      state: "withdrawn",
      withdrawnAt: now,
      withdrawnReason: "user",
    });
    await appendAudit(tx, {
      actor: input.userId,
      action: "identity.withdraw",
      entity: "identities",
      entityId: current._id,
      before: identityAuditSummary(current),
      after: identityAuditSummary(withdrawn),
      at: now,
    });
    return withdrawn;
  });
}
