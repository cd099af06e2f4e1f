/**
 * The county's on-site confirmation (REV-3), recorded with the edition's onsite form and checked by its
 * rules like any section, with the application's candidate type and answers in reach: the edition lists the
 * documents whose originals are checked (one checkbox each) and which of them apply. When the edition's pass
 * rule says it failed, the application ends as rejected; otherwise it waits at the county for the pass to the
 * city. Audited (REV-6).
 */
import {
  checkSection,
  editionBindings,
  holds,
  pruneHidden,
  type Edition,
  type SectionData,
} from "@shenbao/rules";
import { assertRevision, auditSummary } from "../applications/applicationGuards.js";
import { answersOf } from "../applications/applicationSections.js";
import { InvalidInputError, ReviewNotReadyError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { writeReviewEntry } from "../review/reviewEntries.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** The key of the edition's onsite form, or throws when the edition has none. */
export function onsiteFormOf(edition: Edition): string {
  const form = editionBindings(edition).onsite.form;
  if (form === undefined || !edition.forms.some((candidate) => candidate.key === form))
    throw new ReviewNotReadyError("本次考核没有配置现场核验表单");
  return form;
}

/** Whether recorded onsite answers passed, by the edition's `onsite.passed` rule (absent: any record passes). */
export function onsitePassed(edition: Edition, answers: SectionData): boolean {
  const rule = editionBindings(edition).onsite.passed;
  return rule === undefined || holds(rule, { answers });
}

/** Records the onsite form; throws `InvalidInputError` naming every field the form's rules refuse. */
export async function onsiteConfirmer(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher">,
  input: {
    application: Stored<ApplicationDoc>;
    edition: Edition;
    actor: string;
    answers: SectionData;
    rev: number;
  },
): Promise<Stored<ApplicationDoc>> {
  const { application, edition } = input;
  assertRevision(application, input.rev);
  const form = onsiteFormOf(edition);
  // The form's rules may ask by candidate type and the application's answers which documents to check.
  const applicationAnswers = answersOf(application);
  const answers = {
    ...applicationAnswers,
    sections: { ...applicationAnswers.sections, [form]: input.answers },
  };
  const data = pruneHidden(edition, form, answers);
  const errors = checkSection(edition, form, { ...answers, sections: { ...answers.sections, [form]: data } });
  if (errors.length > 0)
    throw new InvalidInputError(errors[0]!.message, {
      issues: errors.map(({ path, message }) => ({ path, message })),
    });
  const now = deps.clock.now();
  const passed = onsitePassed(edition, data);
  const review = application.review!;
  const doc: ApplicationDoc = {
    ...application,
    review: {
      ...review,
      onsite: { answers: data, by: input.actor, at: now },
      stage: passed ? "county" : "rejected",
    },
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await writeReviewEntry(tx, deps.cipher, edition, stored, stored.review!.stage);
    await appendAudit(tx, {
      actor: input.actor,
      action: "review.onsite",
      entity: "applications",
      entityId: stored._id,
      before: { onsite: review.onsite?.answers ?? null, application: auditSummary(application) },
      after: { onsite: data, passed, application: auditSummary(stored) },
      at: now,
    });
    return stored;
  });
}
