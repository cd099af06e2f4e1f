/**
 * 「提交上报」 (APP-5): the server re-validates the whole application with the edition's rules, whatever
 * the browser showed, and refuses with every blocker named. A submitted application records the county
 * of on-site confirmation (SEC-4, SEC-5) for the reviewers of that region.
 */
import { applicationBlockers } from "@shenbao/rules";
import { ApplicationIncompleteError, IdentityNotVerifiedError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { assertDraft, assertRevision, auditSummary } from "../applications/applicationGuards.js";
import { answersOf, settleSections } from "../applications/applicationSections.js";
import { verifiedIdentity } from "../applications/identityPrefill.js";
import { onsiteCountyOf } from "../applications/onsiteCounty.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

/** Submits a draft application, or throws `ApplicationIncompleteError` listing what blocks it. */
export async function applicationSubmitter(
  deps: Pick<CommandDeps, "store" | "clock">,
  input: { application: Stored<ApplicationDoc>; actor: string; rev?: number },
): Promise<Stored<ApplicationDoc>> {
  const { application } = input;
  assertDraft(application);
  assertRevision(application, input.rev);
  // ID-1: a verification withdrawn since the start (ID-5) must be redone before applying.
  if ((await verifiedIdentity(deps.store, application.userId)) === undefined)
    throw new IdentityNotVerifiedError();
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  const answers = answersOf(application);
  const blockers = applicationBlockers(edition, answers);
  if (blockers.length > 0) throw new ApplicationIncompleteError(blockers);
  const onsiteCounty = onsiteCountyOf(edition, answers);
  if (onsiteCounty === undefined) {
    // Only an edition whose rules let a candidate skip every location field gets here.
    throw new ApplicationIncompleteError([
      { section: "", path: "onsiteCounty", message: "无法确定确认地点所在区县" },
    ]);
  }

  const now = deps.clock.now();
  const doc: ApplicationDoc = {
    ...application,
    status: "submitted",
    sections: settleSections(edition, application.candidateType, application.sections),
    onsiteCounty,
    submittedAt: now,
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await appendAudit(tx, {
      actor: input.actor,
      action: "application.submit",
      entity: "applications",
      entityId: stored._id,
      before: auditSummary(application),
      after: auditSummary(stored),
      at: now,
    });
    return stored;
  });
}
