/**
 * An administrator's decision on a pending request (ID-4, REV-4): approve makes it 「认证成功」, reject
 * keeps the reason for the user to read. Either decision also clears the user's failed automatic checks:
 * a person has now looked at the case.
 */
import { IdentityNotPendingError, NotFoundError } from "../errors.js";
import { resetAutoCheckFailures } from "../identity/autoCheckAttempts.js";
import { assertNumberFree, identityAuditSummary, identityFields } from "../identity/identityRecords.js";
import type { IdentityCommandDeps } from "../identity/identityServices.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type IdentityDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import { uniqueViolationToDomainError } from "./identityVerifier.js";
import { signatureInvalidatorForUser } from "./signatureInvalidator.js";

/** One decision; `reason` is required (non-empty) for a rejection and ignored for an approval. */
export type IdentityDecisionInput =
  | { identityId: string; adminId: string; decision: "approve" }
  | { identityId: string; adminId: string; decision: "reject"; reason: string };

/** Applies the decision and returns the attempt as stored; throws `IdentityNotPendingError` if already decided. */
export async function identityReviewer(
  deps: Pick<IdentityCommandDeps, "store" | "clock" | "invitations">,
  input: IdentityDecisionInput,
): Promise<Stored<IdentityDoc>> {
  const now = deps.clock.now();
  try {
    return await deps.store.transaction(async (tx) => {
      const { identities } = collectionsOf(tx);
      const current = await identities.get(input.identityId);
      if (!current) throw new NotFoundError();
      if (current.state !== "pending") throw new IdentityNotPendingError();
      let next: IdentityDoc;
      if (input.decision === "approve") {
        // Another account may have been verified with this number since the request was made.
        await assertNumberFree({ identities }, [current.idNumberHash], current.userId);
        next = {
          ...identityFields(current),
          state: "verified",
          verifiedAt: now,
          verifiedIdNumberHash: current.idNumberHash,
          review: { by: input.adminId, at: now, decision: "approved", reason: null },
        };
      } else {
        next = {
          ...identityFields(current),
          state: "rejected",
          review: { by: input.adminId, at: now, decision: "rejected", reason: input.reason },
        };
      }
      const stored = await identities.replace(current._id, current.rev, next);
      await resetAutoCheckFailures(tx, current.userId);
      // Issue 11: an approved person other than the one teachers signed for voids those signatures.
      if (input.decision === "approve")
        await signatureInvalidatorForUser(tx, deps.invitations, {
          store: deps.store,
          userId: current.userId,
          actor: input.adminId,
          now,
        });
      await appendAudit(tx, {
        actor: input.adminId,
        action: input.decision === "approve" ? "identity.approve" : "identity.reject",
        entity: "identities",
        entityId: current._id,
        before: identityAuditSummary(current),
        after: identityAuditSummary(stored),
        at: now,
      });
      return stored;
    });
  } catch (error) {
    throw uniqueViolationToDomainError(error);
  }
}
