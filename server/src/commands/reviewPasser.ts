/**
 * A level's 「审核通过」 (REV-3): the county passes an application to the city once every filled section is
 * locked and the on-site confirmation passed; the city passes it to the province; the province's pass is the
 * final approval. Audited (REV-6).
 */
import { editionBindings, sectionApplies, type Edition } from "@shenbao/rules";
import { assertRevision, auditSummary } from "../applications/applicationGuards.js";
import { isLocked } from "../applications/applicationSections.js";
import { ReviewNotReadyError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { writeReviewEntry } from "../review/reviewEntries.js";
import {
  collectionsOf,
  type ApplicationDoc,
  type ReviewLevel,
  type ReviewStage,
} from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";
import { onsitePassed } from "./onsiteConfirmer.js";

const NEXT: Readonly<Record<ReviewLevel, ReviewStage>> = {
  county: "city",
  city: "province",
  province: "approved",
};

/** What still keeps the county from passing the application on; empty when it may. */
export function countyPassBlockers(edition: Edition, application: ApplicationDoc): string[] {
  const blockers: string[] = [];
  const type = { candidateType: application.candidateType ?? undefined };
  const unlocked = edition.sections.filter((section) => {
    const record = application.sections[section.key];
    // An optional section the candidate left empty has nothing to lock.
    return sectionApplies(edition, section.key, type) && record !== undefined && !isLocked(record);
  });
  if (unlocked.length > 0) blockers.push(`还有未锁定的部分：${unlocked.map((s) => s.title).join("、")}`);
  const onsite = application.review?.onsite;
  const formKey = editionBindings(edition).onsite.form;
  const formTitle = edition.forms.find((form) => form.key === formKey)?.title;
  if (formTitle !== undefined && (onsite === undefined || !onsitePassed(edition, onsite.answers)))
    blockers.push(`尚未完成${formTitle}`);
  return blockers;
}

/** Passes the application from the actor's level to the next. */
export async function reviewPasser(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher">,
  input: {
    application: Stored<ApplicationDoc>;
    edition: Edition;
    actor: string;
    level: ReviewLevel;
    rev: number;
  },
): Promise<Stored<ApplicationDoc>> {
  const { application, edition, level } = input;
  assertRevision(application, input.rev);
  const review = application.review!;
  if (level === "county") {
    const blockers = countyPassBlockers(edition, application);
    if (blockers.length > 0) throw new ReviewNotReadyError(blockers.join("；"), { blockers });
  }
  const now = deps.clock.now();
  const doc: ApplicationDoc = {
    ...application,
    review: {
      ...review,
      stage: NEXT[level],
      passes: [...review.passes, { level, by: input.actor, at: now }],
    },
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await writeReviewEntry(tx, deps.cipher, edition, stored, stored.review!.stage);
    await appendAudit(tx, {
      actor: input.actor,
      action: `review.pass.${level}`,
      entity: "applications",
      entityId: stored._id,
      before: auditSummary(application),
      after: auditSummary(stored),
      at: now,
    });
    return stored;
  });
}
