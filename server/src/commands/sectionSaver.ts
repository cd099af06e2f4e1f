/**
 * Saving one section of a draft application (APP-4): the server prunes hidden data, checks the rest with
 * the edition's schema and rules (the same code the browser runs, FORM-5) and stores the data with the
 * state the rules give it. An incomplete draft is fine; data of the wrong structure is a bad request.
 */
import { pruneHidden, sectionApplies, type Answers, type SectionData } from "@shenbao/rules";
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
  IDENTITY_PREFILL,
  prefillValues,
  verifiedIdentity,
} from "../applications/identityPrefill.js";
import { sectionShapeIssues } from "../applications/sectionShape.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { signatureInvalidator, type SignatureInvalidatorDeps } from "./signatureInvalidator.js";

/**
 * Sections whose data only their own commands write: the teachers come from the registry lookup and sign
 * through their invitations (TCH-1…4), so a plain save could forge both.
 */
export const SECTIONS_WRITTEN_BY_COMMANDS: ReadonlySet<string> = new Set(["recommenders"]);

/** Stores `data` as section `key` of a draft application, based on revision `rev`. */
export async function sectionSaver(
  deps: Pick<CommandDeps, "store" | "clock"> & { invitations?: SignatureInvalidatorDeps },
  input: { application: Stored<ApplicationDoc>; actor: string; key: string; rev: number; data: SectionData },
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
  if (SECTIONS_WRITTEN_BY_COMMANDS.has(key)) throw new SectionManagedError(key);
  const previous = application.sections[key];
  if (isLocked(previous)) throw new SectionLockedError([key]);
  assertRevision(application, input.rev);

  const pruned = pruneHidden(edition, key, {
    ...answers,
    sections: { ...answers.sections, [key]: input.data },
  });
  const issues = sectionShapeIssues(edition, key, pruned);
  if (issues.length > 0) throw new InvalidInputError(undefined, { section: key, issues });
  // SEC-1: identity fields are never taken from the browser.
  const identity =
    key === IDENTITY_PREFILL.section ? await verifiedIdentity(deps.store, application.userId) : undefined;
  const data = applyPrefill(edition, key, pruned, prefillValues(identity, previous?.data));

  const now = deps.clock.now();
  const sections = {
    ...application.sections,
    [key]: { ...previous, data, state: "incomplete" as const, updatedAt: now },
  };
  const doc: ApplicationDoc = {
    ...application,
    sections: settleSections(edition, application.candidateType, sections),
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
    // TCH-4: a signature over content this save changed becomes 已失效 and the teacher is invited again.
    return signatureInvalidator(tx, deps.invitations, {
      application: stored,
      edition,
      actor: input.actor,
      now,
    });
  });
}
