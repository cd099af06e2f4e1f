/**
 * 「选择」 of the recommenders section (TCH-1…3): puts a looked-up registry person on the candidate's
 * teacher list in a role and invites them. The edition's rules decide what may be added (how many of each
 * role, the same person not twice nor in both roles, the work proof of a recommender); the invitation, the
 * section write and the notify / remind / expire jobs commit in one transaction.
 */
import { checkSection, sectionApplies, type Answers, type SectionError } from "@shenbao/rules";
import { assertDraft, assertRevision, auditSummary } from "../applications/applicationGuards.js";
import { answersOf, isLocked, settleSections } from "../applications/applicationSections.js";
import { sectionShapeIssues } from "../applications/sectionShape.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import {
  CandidateTypeRequiredError,
  SectionLockedError,
  SectionNotApplicableError,
  TeacherRefUnknownError,
  TeacherSelectionInvalidError,
  WorkProofInvalidError,
} from "../errors.js";
import { maskIdNumber } from "../identity/idNumber.js";
import { issueInvitationIn, type IssuedInvitation } from "../invitations/invitationIssuing.js";
import { teacherList, type TeacherEntry } from "../invitations/invitationRecords.js";
import type { Queue } from "../ports/queue.js";
import type { RegistryRole } from "../ports/registryProvider.js";
import type { Stored } from "../ports/store.js";
import { registryIdNumberContext } from "../registry/registryRecords.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { newId } from "../store/newId.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { effectiveState } from "../invitations/invitationStates.js";

/** What the invitation commands need: store, cipher, clock, the queue and the link lifetime. */
export type InvitationCommandDeps = Pick<CommandDeps, "store" | "cipher" | "clock"> & {
  queue: Queue;
  ttlMs: number;
};

/** A selection on an application the caller has been authorized to edit. */
export interface TeacherInviterInput {
  application: Stored<ApplicationDoc>;
  actor: string;
  role: RegistryRole;
  /** The opaque ref the lookup answered (`registry` document id). */
  ref: string;
  /** Attachment id of the work proof uploaded into the recommenders section (TCH-2). */
  workProof?: string;
  rev?: number;
}

/** The new invitation, its token, and the application with the teacher on its list. */
export interface TeacherInviterResult extends IssuedInvitation {
  application: Stored<ApplicationDoc>;
}

/** Adds the teacher and invites them, or throws what the edition's rules say against the selection. */
export async function teacherInviter(
  deps: InvitationCommandDeps,
  input: TeacherInviterInput,
): Promise<TeacherInviterResult> {
  const { application, role } = input;
  assertDraft(application);
  assertRevision(application, input.rev);
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  if (application.candidateType === null)
    throw new CandidateTypeRequiredError(`请先选择${edition.candidateTypeTitle}`);
  const answers = answersOf(application);
  const list = teacherList(edition);
  if (!sectionApplies(edition, list.section, answers)) throw new SectionNotApplicableError(list.section);
  if (isLocked(application.sections[list.section])) throw new SectionLockedError([list.section]);

  const { registry, attachments } = collectionsOf(deps.store);
  const person = await registry.get(input.ref);
  // The lookup matched under one label group; the same ref must not be smuggled into the other role.
  if (person === null || !person.labels.includes(role)) throw new TeacherRefUnknownError();
  if (input.workProof !== undefined) {
    const proof = await attachments.get(input.workProof);
    if (proof?.applicationId !== application._id || proof.sectionKey !== list.section)
      throw new WorkProofInvalidError();
  }

  const now = deps.clock.now();
  const invitationId = newId(now);
  // Issue 11: an expired invitation holds no place on the team; choosing someone needs no revoke first.
  const before = await withoutExpired(
    deps.store,
    list.teachersOf(application.sections[list.section]?.data),
    now,
  );
  const entry: TeacherEntry = {
    role,
    registryId: person._id,
    name: person.name,
    ...(input.workProof === undefined ? {} : { workProof: input.workProof }),
    invitationId,
    signed: false,
  };
  const after = [...before, entry];
  const data = list.withTeachers(application.sections[list.section]?.data, after);
  const shape = sectionShapeIssues(edition, list.section, data);
  if (shape.length > 0) throw new TeacherSelectionInvalidError(shape);
  const added = newErrors(
    checkSection(edition, list.section, answers),
    checkSection(edition, list.section, withSection(answers, list.section, data)),
    `${list.field}.${after.length - 1}.signed`,
  );
  if (added.length > 0) throw new TeacherSelectionInvalidError(added);

  const previous = application.sections[list.section];
  const doc: ApplicationDoc = {
    ...application,
    sections: settleSections(edition, application.candidateType, {
      ...application.sections,
      [list.section]: { ...previous, data, state: "incomplete", updatedAt: now },
    }),
  };
  return deps.store.transaction(async (tx) => {
    const issued = await issueInvitationIn(
      tx,
      deps,
      {
        applicationId: application._id,
        candidateId: application.userId,
        role,
        registryId: person._id,
        teacherName: person.name,
        teacherMaskedIdNumber: maskIdNumber(
          deps.cipher.decrypt(person.idNumberEnc, registryIdNumberContext(person._id)),
        ),
        ...(input.workProof === undefined ? {} : { workProof: input.workProof }),
      },
      { actor: input.actor, now, id: invitationId },
    );
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await appendAudit(tx, {
      actor: input.actor,
      action: "application.teacher.select",
      entity: "applications",
      entityId: stored._id,
      before: auditSummary(application),
      after: auditSummary(stored),
      at: now,
    });
    return { ...issued, application: stored };
  });
}

function withSection(answers: Answers, key: string, data: Answers["sections"][string]): Answers {
  return { ...answers, sections: { ...answers.sections, [key]: data } };
}

/**
 * Errors the selection introduces: present after but not before. Counts that are still too low were
 * reported before too, so a list under construction passes; a third recommender, a second supervisor or a
 * duplicate person appears new. The new entry's own signature is expected to be missing.
 */
function newErrors(before: SectionError[], after: SectionError[], ownSignature: string): SectionError[] {
  const known = new Set(before.map((error) => `${error.path}\n${error.message}`));
  return after.filter(
    (error) => error.path !== ownSignature && !known.has(`${error.path}\n${error.message}`),
  );
}

/** The list without entries whose invitation has expired (by time, even before the expire job ran). */
async function withoutExpired(
  store: InvitationCommandDeps["store"],
  teachers: TeacherEntry[],
  now: number,
): Promise<TeacherEntry[]> {
  const ids = teachers.flatMap((entry) => (entry.invitationId === undefined ? [] : [entry.invitationId]));
  if (ids.length === 0) return teachers;
  const { items } = await collectionsOf(store).invitations.find({ _id: { $in: ids } }, { limit: ids.length });
  const expired = new Set(
    items.filter((doc) => effectiveState(doc, now) === "expired").map((doc) => doc._id),
  );
  return teachers.filter((entry) => entry.invitationId === undefined || !expired.has(entry.invitationId));
}
