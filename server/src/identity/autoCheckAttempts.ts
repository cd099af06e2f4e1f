/**
 * The count of failed automatic checks per user (ID-3), kept in the store so that every process and every
 * restart sees the same count. Withdrawing an attempt does not reset it; a success or an administrator's
 * decision does.
 */
import { appendAudit } from "../commands/audit.js";
import { DuplicateKeyError, RevisionConflictError } from "../errors.js";
import type { Store, StoreTx } from "../ports/store.js";
import { collectionsOf, type Collections } from "../store/collections.js";

/** Failed automatic checks of `userId` so far. */
export async function autoCheckFailures(
  collections: Pick<Collections, "identityAttempts">,
  userId: string,
): Promise<number> {
  const [doc] = (await collections.identityAttempts.find({ userId }, { limit: 1 })).items;
  return doc?.failures ?? 0;
}

/** Counts one failed automatic check and audits it; returns the new count. Safe against concurrent failures. */
export async function recordAutoCheckFailure(
  store: Store,
  input: { userId: string; reason: string; now: number },
): Promise<number> {
  // Two failures racing on the first insert or the same revision: the loser re-reads and counts again.
  for (let tries = 0; ; tries++) {
    try {
      return await store.transaction(async (tx) => {
        const { identityAttempts } = collectionsOf(tx);
        const [doc] = (await identityAttempts.find({ userId: input.userId }, { limit: 1 })).items;
        const failures = (doc?.failures ?? 0) + 1;
        const fields = { userId: input.userId, failures, lastFailedAt: input.now, lastReason: input.reason };
        const stored = doc
          ? await identityAttempts.replace(doc._id, doc.rev, fields)
          : await identityAttempts.insert(fields);
        await appendAudit(tx, {
          actor: input.userId,
          action: "identity.autoCheckFailed",
          entity: "identityAttempts",
          entityId: stored._id,
          before: { failures: doc?.failures ?? 0 },
          after: { failures, reason: input.reason },
          at: input.now,
        });
        return failures;
      });
    } catch (error) {
      if (tries >= 3 || !(error instanceof DuplicateKeyError || error instanceof RevisionConflictError))
        throw error;
    }
  }
}

/** Clears the count inside `tx` (after a success or an administrator's decision); a no-op when there is none. */
export async function resetAutoCheckFailures(tx: StoreTx, userId: string): Promise<void> {
  const { identityAttempts } = collectionsOf(tx);
  const [doc] = (await identityAttempts.find({ userId }, { limit: 1 })).items;
  if (doc && doc.failures > 0)
    await identityAttempts.replace(doc._id, doc.rev, { ...fieldsOf(doc), failures: 0 });
}

function fieldsOf(doc: { userId: string; failures: number; lastFailedAt: number; lastReason: string }) {
  return {
    userId: doc.userId,
    failures: doc.failures,
    lastFailedAt: doc.lastFailedAt,
    lastReason: doc.lastReason,
  };
}
