/**
 * Removing an attachment from a draft application: its metadata goes first (with the audit event), then the
 * stored file, so a failure in between leaves at worst an unreferenced file, never metadata without bytes.
 */
import { NotFoundError, SectionLockedError } from "../errors.js";
import type { Files } from "../ports/files.js";
import type { Stored } from "../ports/store.js";
import { assertDraft } from "../applications/applicationGuards.js";
import { isLocked } from "../applications/applicationSections.js";
import { collectionsOf, type AttachmentDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** Deletes `attachment` (already authorized for `actor`) while its application is a draft. */
export async function attachmentRemover(
  deps: Pick<CommandDeps, "store" | "clock"> & { files: Files },
  input: { actor: string; attachment: Stored<AttachmentDoc> },
): Promise<void> {
  const { attachment } = input;
  const application = await collectionsOf(deps.store).applications.get(attachment.applicationId);
  if (application === null) throw new NotFoundError();
  assertDraft(application);
  // A reviewer-locked section keeps its evidence (REV-2).
  if (isLocked(application.sections[attachment.sectionKey]))
    throw new SectionLockedError([attachment.sectionKey]);

  await deps.store.transaction(async (tx) => {
    const removed = await collectionsOf(tx).attachments.delete(attachment._id, attachment.rev);
    if (!removed) throw new NotFoundError();
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
      at: deps.clock.now(),
    });
  });
  await deps.files.delete(attachment.fileKey);
}
