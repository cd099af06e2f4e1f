/**
 * A county reviewer's decision on one section (REV-2): 「锁定」 makes it read-only for good, 「退回修改」 sends
 * the application back to the candidate with a comment and comments on fields. The data at the return is
 * kept, so after the resubmission the reviewer sees what changed. Audited with before → after (REV-6).
 */
import { schemaAt, sectionApplies, type Edition } from "@shenbao/rules";
import { assertRevision, auditSummary } from "../applications/applicationGuards.js";
import {
  InvalidInputError,
  ReviewCommentRequiredError,
  SectionNotApplicableError,
  SectionNotLockableError,
  UnknownSectionError,
} from "../errors.js";
import type { Stored } from "../ports/store.js";
import { writeReviewEntry } from "../review/reviewEntries.js";
import {
  collectionsOf,
  type ApplicationDoc,
  type FieldComment,
  type SectionReview,
} from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** One decision as the reviewer sends it; `rev` is the revision they were shown (required). */
export interface SectionDecision {
  application: Stored<ApplicationDoc>;
  edition: Edition;
  actor: string;
  key: string;
  decision: SectionReview["decision"];
  comment: string;
  fieldComments: FieldComment[];
  rev: number;
}

/** Records the decision; returns the stored application. */
export async function sectionReviewer(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher">,
  input: SectionDecision,
): Promise<Stored<ApplicationDoc>> {
  const { application, edition, key } = input;
  assertRevision(application, input.rev);
  const section = edition.sections.find((candidate) => candidate.key === key);
  if (section === undefined) throw new UnknownSectionError(key);
  if (!sectionApplies(edition, key, { candidateType: application.candidateType ?? undefined }))
    throw new SectionNotApplicableError(key);
  const record = application.sections[key];
  const comment = input.comment.trim();
  const fieldComments = input.fieldComments
    .map((entry) => ({ path: entry.path, comment: entry.comment.trim() }))
    .filter((entry) => entry.comment !== "");
  for (const entry of fieldComments) {
    if (schemaAt(section.schema, entry.path) === undefined)
      throw new InvalidInputError("批注的栏目不存在", { path: entry.path });
  }

  if (input.decision === "locked") {
    // The reviewer must see what they lock: not while the candidate may still be changing it.
    if (application.status !== "submitted")
      throw new SectionNotLockableError("考生正在修改退回的内容，请在重新提交后再锁定");
    if (record === undefined || record.state !== "complete")
      throw new SectionNotLockableError("该部分尚未填写完整，不能锁定", { section: key });
  } else if (comment === "" && fieldComments.length === 0) throw new ReviewCommentRequiredError();

  const now = deps.clock.now();
  const review: SectionReview = {
    decision: input.decision,
    comment,
    ...(fieldComments.length > 0 ? { fieldComments } : {}),
    by: input.actor,
    at: now,
    ...(input.decision === "returned" ? { returnedData: record?.data ?? {} } : {}),
  };
  const returning = input.decision === "returned" && application.status === "submitted";
  const doc: ApplicationDoc = {
    ...application,
    sections: {
      ...application.sections,
      [key]: { data: {}, state: "incomplete", updatedAt: now, ...record, review },
    },
    // A return hands the application back to the candidate (APP-3 「退回修改」) until they resubmit.
    ...(returning
      ? { status: "draft", review: { ...application.review!, stage: "returned", returnedAt: now } }
      : {}),
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await writeReviewEntry(tx, deps.cipher, edition, stored, stored.review!.stage);
    await appendAudit(tx, {
      actor: input.actor,
      action: input.decision === "locked" ? "section.lock" : "section.return",
      entity: "applications",
      entityId: stored._id,
      before: { section: key, ...decisionSummary(record?.review), application: auditSummary(application) },
      after: { section: key, ...decisionSummary(review), application: auditSummary(stored) },
      at: now,
    });
    return stored;
  });
}

function decisionSummary(review: SectionReview | undefined) {
  if (review === undefined) return { decision: null, comment: null, fieldComments: [] };
  return {
    decision: review.decision,
    comment: review.comment,
    fieldComments: (review.fieldComments ?? []).map(({ path, comment }) => ({ path, comment })),
  };
}
