/**
 * 「撤回」 (APP-6): a submitted application returns to draft so the candidate can edit and resubmit it.
 * Sections a reviewer locked stay locked; their review decisions are kept as they were.
 */
import { ApplicationInReviewError, ApplicationNotSubmittedError } from "../errors.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { writeReviewEntry } from "../review/reviewEntries.js";
import type { Stored } from "../ports/store.js";
import { assertRevision, auditSummary } from "../applications/applicationGuards.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** Withdraws a submitted application back to draft. */
export async function applicationWithdrawer(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher">,
  input: { application: Stored<ApplicationDoc>; actor: string; rev?: number },
): Promise<Stored<ApplicationDoc>> {
  const { application } = input;
  if (application.status !== "submitted") throw new ApplicationNotSubmittedError();
  assertRevision(application, input.rev);
  // Once the county passed it on or recorded the on-site confirmation, the reviewers' work would be voided.
  const review = application.review;
  if (review !== undefined && (review.stage !== "county" || review.onsite !== undefined))
    throw new ApplicationInReviewError();
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  const now = deps.clock.now();
  // The county is worked out again on the next submit, from the answers as they will be then.
  const { onsiteCounty: _onsiteCounty, ...rest } = application;
  const doc: ApplicationDoc = {
    ...rest,
    status: "draft",
    withdrawnAt: now,
    ...(review === undefined ? {} : { review: { ...review, stage: "withdrawn" } }),
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    if (stored.review !== undefined) await writeReviewEntry(tx, deps.cipher, edition, stored, "withdrawn");
    await appendAudit(tx, {
      actor: input.actor,
      action: "application.withdraw",
      entity: "applications",
      entityId: stored._id,
      before: auditSummary(application),
      after: auditSummary(stored),
      at: now,
    });
    return stored;
  });
}
