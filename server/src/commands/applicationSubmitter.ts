/**
 * 「提交上报」 (APP-5): the server re-validates the whole application with the edition's rules, whatever
 * the browser showed, and refuses with every blocker named. A submitted application records the county
 * of on-site confirmation (SEC-4, SEC-5) for the reviewers of that region.
 */
import { applicationBlockers, editionBindings, type Edition } from "@shenbao/rules";
import {
  ApplicationIncompleteError,
  IdentityNotVerifiedError,
  OnsiteOutsideProvinceError,
  SignatureCheckFailedError,
} from "../errors.js";
import type { Stored } from "../ports/store.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { assertDraft, assertRevision, auditSummary } from "../applications/applicationGuards.js";
import { answersOf, settleSections } from "../applications/applicationSections.js";
import { verifiedIdentity } from "../applications/identityPrefill.js";
import { onsiteCountyOf } from "../applications/onsiteCounty.js";
import { writeReviewEntry } from "../review/reviewEntries.js";
import { divisionOf, reviewRouteOf } from "../review/reviewRouting.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { Files } from "../ports/files.js";
import {
  signatureVerdicts,
  TAMPERED_MESSAGE,
  VOID_REASON_LABELS,
} from "../invitations/signatureIntegrity.js";
import type { CommandDeps } from "./commandDeps.js";

/** Submits a draft application, or throws `ApplicationIncompleteError` listing what blocks it. */
export async function applicationSubmitter(
  deps: Pick<CommandDeps, "store" | "clock" | "cipher"> & { files?: Files },
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
  // A failed signature check comes first: the blockers below count a tampered signature as signed.
  await assertSignaturesHold(deps, edition, application);
  const blockers = applicationBlockers(edition, answers);
  if (blockers.length > 0) throw new ApplicationIncompleteError(blockers);
  const onsiteCounty = onsiteCountyOf(edition, answers);
  const route = onsiteCounty === undefined ? undefined : reviewRouteOf(edition, onsiteCounty);
  if (onsiteCounty === undefined || route === undefined) {
    // Only an edition whose rules let a candidate skip every location field gets here.
    throw new ApplicationIncompleteError([
      { section: "", path: "onsiteCounty", message: "无法确定确认地点所在区县" },
    ]);
  }

  // REV-1: the bureaus of this assessment are the edition's province's; a county elsewhere has none.
  const province = editionBindings(edition).onsite.province;
  if (province !== undefined && route.province !== province)
    throw new OnsiteOutsideProvinceError(divisionOf(edition, province)?.name ?? province);

  const now = deps.clock.now();
  const doc: ApplicationDoc = {
    ...application,
    status: "submitted",
    sections: settleSections(edition, application.candidateType, application.sections),
    onsiteCounty,
    submittedAt: now,
    // A resubmission (after a return or 撤回) goes back to the county, keeping what was recorded there.
    review: { passes: [], ...application.review, stage: "county", route },
  };
  return deps.store.transaction(async (tx) => {
    const stored = await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
    await writeReviewEntry(tx, deps.cipher, edition, stored, "county");
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

/**
 * Issue 11: every signature is checked again at submit, whatever the list showed: each stored record must
 * hash to what it says, each image in storage to its recorded hash (when the files port is given), and
 * each signed content must still be what the application declares.
 */
async function assertSignaturesHold(
  deps: Pick<CommandDeps, "store" | "cipher"> & { files?: Files },
  edition: Edition,
  application: Stored<ApplicationDoc>,
): Promise<void> {
  const verdicts = await signatureVerdicts(deps.store, deps, edition, application);
  const failed = [...verdicts].filter(([, verdict]) => verdict.state !== "valid");
  if (failed.length === 0) return;
  const tampered = failed.find(([, verdict]) => verdict.state === "tampered");
  const first = failed[0]![1];
  const message =
    tampered !== undefined || first.state !== "stale"
      ? TAMPERED_MESSAGE
      : `${VOID_REASON_LABELS[first.reason]}，老师的签名需重新签署`;
  throw new SignatureCheckFailedError(message, { invitations: failed.map(([id]) => id) });
}
