/**
 * Removing an attachment from a draft application: its metadata goes first (with the audit event), then the
 * stored file, so a failure in between leaves at worst an unreferenced file, never metadata without bytes.
 */
import { NotFoundError, SectionLockedError } from "../errors.js";
import type { Files } from "../ports/files.js";
import type { Stored } from "../ports/store.js";
import { assertDraft } from "../applications/applicationGuards.js";
import { isLocked, settleSections } from "../applications/applicationSections.js";
import type { Json, SectionData } from "@shenbao/rules";
import { collectionsOf, type AttachmentDoc } from "../store/collections.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { appendAudit } from "./audit.js";
import { signatureInvalidator, type SignatureInvalidatorDeps } from "./signatureInvalidator.js";
import type { CommandDeps } from "./commandDeps.js";

/** Deletes `attachment` (already authorized for `actor`) while its application is a draft. */
export async function attachmentRemover(
  deps: Pick<CommandDeps, "store" | "clock"> & {
    files: Files;
    /** Re-inviting teachers whose signed content named this attachment (issue 11). */
    invitations?: SignatureInvalidatorDeps;
  },
  input: { actor: string; attachment: Stored<AttachmentDoc> },
): Promise<void> {
  const { attachment } = input;
  const application = await collectionsOf(deps.store).applications.get(attachment.applicationId);
  if (application === null) throw new NotFoundError();
  assertDraft(application);
  // A reviewer-locked section keeps its evidence (REV-2).
  if (isLocked(application.sections[attachment.sectionKey]))
    throw new SectionLockedError([attachment.sectionKey]);

  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const removed = await collectionsOf(tx).attachments.delete(attachment._id, attachment.rev);
    if (!removed) throw new NotFoundError();
    // The section forgets the file, and a signature over content naming it is void (re-invited, issue 11).
    const record = application.sections[attachment.sectionKey];
    let stored = application;
    if (record !== undefined) {
      const data = withoutId(record.data, attachment._id) as SectionData;
      if (JSON.stringify(data) !== JSON.stringify(record.data))
        stored = await collectionsOf(tx).applications.replace(application._id, application.rev, {
          ...application,
          sections: settleSections(edition, application.candidateType, {
            ...application.sections,
            [attachment.sectionKey]: { ...record, data, updatedAt: now },
          }),
        });
    }
    await signatureInvalidator(tx, deps.invitations, {
      application: stored,
      edition,
      actor: input.actor,
      now,
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: "attachment.delete",
      entity: "attachments",
      entityId: attachment._id,
      before: {
        applicationId: attachment.applicationId,
        section: attachment.sectionKey,
        field: attachment.fieldPath,
      },
      after: null,
      at: now,
    });
  });
  await deps.files.delete(attachment.fileKey);
}

/** `value` with every occurrence of the attachment id `id` left out (list items dropped, fields removed). */
function withoutId(value: Json, id: string): Json | undefined {
  if (value === id) return undefined;
  if (Array.isArray(value))
    return value.map((item) => withoutId(item, id)).filter((item): item is Json => item !== undefined);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, Json> = {};
    for (const [key, child] of Object.entries(value)) {
      const kept = withoutId(child, id);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return value;
}
