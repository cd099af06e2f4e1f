/**
 * Choosing the candidate type, the first step of an application (APP-2). Changing a chosen type needs
 * `confirm: true`, because the sections of the other branch are then dropped (never kept hidden); which
 * sections apply is decided by the edition's `appliesWhen`, not here.
 */
import { sectionApplies, type Answers } from "@shenbao/rules";
import { CandidateTypeChangeUnconfirmedError, InvalidInputError, SectionLockedError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { assertDraft, assertRevision, auditSummary } from "../applications/applicationGuards.js";
import { isLocked, settleSections } from "../applications/applicationSections.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { signatureInvalidator, type SignatureInvalidatorDeps } from "./signatureInvalidator.js";

/** Sets the candidate type of a draft application; a change of type prunes what no longer applies. */
export async function candidateTypeChooser(
  deps: Pick<CommandDeps, "store" | "clock"> & { invitations?: SignatureInvalidatorDeps },
  input: {
    application: Stored<ApplicationDoc>;
    actor: string;
    candidateType: string;
    confirm: boolean;
    rev?: number;
  },
): Promise<Stored<ApplicationDoc>> {
  const { application } = input;
  assertDraft(application);
  assertRevision(application, input.rev);
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  const type = edition.candidateTypes.find((candidate) => candidate.value === input.candidateType);
  if (type === undefined) {
    throw new InvalidInputError(`请选择${edition.candidateTypeTitle}`, {
      issues: [{ path: "candidateType", message: `请选择${edition.candidateTypeTitle}` }],
    });
  }
  if (application.candidateType === input.candidateType) return application;

  const next: Answers = { candidateType: input.candidateType, sections: {} };
  const dropped = Object.keys(application.sections).filter(
    (key) => edition.sections.some((s) => s.key === key) && !sectionApplies(edition, key, next),
  );
  if (application.candidateType !== null && !input.confirm)
    throw new CandidateTypeChangeUnconfirmedError(dropped);
  // A section a reviewer approved is not thrown away by a change of mind (REV-2).
  const lockedDropped = dropped.filter((key) => isLocked(application.sections[key]));
  if (lockedDropped.length > 0) throw new SectionLockedError(lockedDropped);

  const now = deps.clock.now();
  const candidateType = type.value as ApplicationDoc["candidateType"];
  const doc: ApplicationDoc = {
    ...application,
    candidateType,
    sections: settleSections(edition, candidateType, application.sections),
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await appendAudit(tx, {
      actor: input.actor,
      action: "application.candidateType.choose",
      entity: "applications",
      entityId: stored._id,
      before: auditSummary(application),
      after: auditSummary(stored),
      at: now,
    });
    // TCH-4: dropping the other branch's sections changes what a teacher signed; that signature becomes
    // 已失效 and the teacher is invited again, exactly as after a section save.
    return signatureInvalidator(tx, deps.invitations, {
      application: stored,
      edition,
      actor: input.actor,
      now,
    });
  });
}
