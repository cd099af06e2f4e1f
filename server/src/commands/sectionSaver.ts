/**
 * Saving one section of a draft application (APP-4): the server prunes hidden data, checks the rest with
 * the edition's schema and rules (the same code the browser runs, FORM-5) and stores the data with the
 * state the rules give it. An incomplete draft is fine; data of the wrong structure is a bad request.
 */
import { editionBindings, pruneHidden, sectionApplies, type Answers, type SectionData } from "@shenbao/rules";
import {
  CandidateTypeRequiredError,
  InvalidInputError,
  SectionLockedError,
  SectionManagedError,
  SectionNotApplicableError,
  UnknownSectionError,
} from "../errors.js";
import type { Stored } from "../ports/store.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { assertDraft, assertRevision } from "../applications/applicationGuards.js";
import { answersOf, isLocked, settleSections } from "../applications/applicationSections.js";
import {
  applyPrefill,
  prefillSection,
  prefillValues,
  verifiedIdentity,
} from "../applications/identityPrefill.js";
import { assertOwnAttachments } from "../applications/attachmentRefs.js";
import { sectionShapeIssues } from "../applications/sectionShape.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { signatureInvalidator, type SignatureInvalidatorDeps } from "./signatureInvalidator.js";

/** Stores `data` as section `key` of a draft application, based on revision `rev`. */
export async function sectionSaver(
  deps: Pick<CommandDeps, "store" | "clock"> & { invitations?: SignatureInvalidatorDeps },
  input: {
    application: Stored<ApplicationDoc>;
    actor: string;
    key: string;
    rev: number;
    data: SectionData;
    /** The candidate agreed that this save voids signatures; without it such a save is refused first. */
    confirmVoid?: boolean;
  },
): Promise<Stored<ApplicationDoc>> {
  const { application, key } = input;
  assertDraft(application);
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  if (!edition.sections.some((section) => section.key === key)) throw new UnknownSectionError(key);
  // APP-2: the type decides which sections and fields exist, so it comes first.
  if (application.candidateType === null)
    throw new CandidateTypeRequiredError(`请先选择${edition.candidateTypeTitle}`);
  const answers: Answers = answersOf(application);
  if (!sectionApplies(edition, key, answers)) throw new SectionNotApplicableError(key);
  // The teachers come from the registry lookup and sign through their invitations (TCH-1…4), so a plain
  // save of the section holding them could forge both.
  if (editionBindings(edition).commandOwnedSections.has(key)) throw new SectionManagedError(key);
  const previous = application.sections[key];
  if (isLocked(previous)) throw new SectionLockedError([key]);
  assertRevision(application, input.rev);

  // Shape and size first (issue 11): pruning runs the rules over every list item, so it gets bounded data.
  const issues = sectionShapeIssues(edition, key, input.data);
  if (issues.length > 0) throw new InvalidInputError(issues[0]?.message, { section: key, issues });
  const pruned = pruneHidden(edition, key, {
    ...answers,
    sections: { ...answers.sections, [key]: input.data },
  });
  await assertOwnAttachments(deps.store, edition, { applicationId: application._id, key, data: pruned });
  // SEC-1: identity fields are never taken from the browser.
  const identity =
    key === prefillSection(edition) ? await verifiedIdentity(deps.store, application.userId) : undefined;
  const data = applyPrefill(edition, key, pruned, prefillValues(edition, identity, previous?.data));

  const now = deps.clock.now();
  // Saving the section is the candidate's check of a migration's flags (「表单已更新，请核对」).
  const { migration: _checked, ...kept } = previous ?? {};
  const sections = {
    ...application.sections,
    [key]: { ...kept, data, state: "incomplete" as const, updatedAt: now },
  };
  const doc: ApplicationDoc = {
    ...application,
    sections: settleSections(edition, application.candidateType, sections, key),
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await appendAudit(tx, {
      actor: input.actor,
      action: "application.section.save",
      entity: "applications",
      entityId: stored._id,
      before: { section: key, state: previous?.state ?? null, rev: application.rev },
      after: { section: key, state: stored.sections[key]?.state ?? null, rev: stored.rev },
      at: now,
    });
    // TCH-4: a signature over content this save changed becomes 已失效 and the teacher is invited again;
    // issue 11: unless the candidate confirmed it, such a save is refused instead (the throw rolls it back).
    return signatureInvalidator(tx, deps.invitations, {
      application: stored,
      edition,
      actor: input.actor,
      now,
      refuseVoiding: input.confirmVoid !== true,
    });
  });
}
