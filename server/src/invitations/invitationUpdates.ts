/**
 * Read-modify-write of one invitation under optimistic concurrency: jobs and the teacher's page may touch
 * the same document at once (a notify job finishing while the teacher opens the link), so a lost race is
 * re-read and re-decided rather than failed.
 */
import { RevisionConflictError } from "../errors.js";
import type { Store, Stored, StoreTx } from "../ports/store.js";
import { collectionsOf, type InvitationDoc } from "../store/collections.js";

const MAX_RACES = 5;

/** What one decision returns: the new document (and audit facts), or undefined to leave it as it is. */
export type InvitationChange<R> =
  | { doc: InvitationDoc; result: R; after?: (tx: StoreTx, stored: Stored<InvitationDoc>) => Promise<void> }
  | undefined;

/**
 * Reads invitation `id`, lets `decide` choose a change, and writes it in a transaction (with `after`, e.g.
 * the audit event); retries on a revision conflict. Returns the stored document and `decide`'s result, or
 * null when the invitation does not exist.
 */
export async function changeInvitation<R>(
  store: Store,
  id: string,
  decide: (current: Stored<InvitationDoc>) => InvitationChange<R> | Promise<InvitationChange<R>>,
): Promise<{ invitation: Stored<InvitationDoc>; result: R | undefined } | null> {
  for (let race = 0; ; race++) {
    const current = await collectionsOf(store).invitations.get(id);
    if (current === null) return null;
    const change = await decide(current);
    if (change === undefined) return { invitation: current, result: undefined };
    try {
      const invitation = await store.transaction(async (tx) => {
        const stored = await collectionsOf(tx).invitations.replace(id, current.rev, change.doc);
        await change.after?.(tx, stored);
        return stored;
      });
      return { invitation, result: change.result };
    } catch (error) {
      if (!(error instanceof RevisionConflictError) || race >= MAX_RACES) throw error;
    }
  }
}

/** The document fields of a stored invitation, without the store's metadata, for a replace. */
export function invitationFields(doc: Stored<InvitationDoc>): InvitationDoc {
  const { _id: _ignoredId, rev: _rev, createdAt: _created, updatedAt: _updated, ...fields } = doc;
  return fields;
}
