/**
 * 请老师重新签名 (issue 11): a signed evaluation whose stored record or image fails its hash check cannot
 * count, and the teacher's link is spent, so the candidate had no way forward. On their request that
 * signature is voided with the reason 签名校验失败 and the same teacher is invited again (new link, new
 * message), exactly as a content change does. Only a signature that fails its check can be reissued: an
 * intact one stays on record (TCH-5).
 */
import { assertDraft } from "../applications/applicationGuards.js";
import { isLocked } from "../applications/applicationSections.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { NotFoundError, SectionLockedError, SignatureNotReissuableError } from "../errors.js";
import { teacherList } from "../invitations/invitationRecords.js";
import { currentContent, signatureVerdict } from "../invitations/signatureIntegrity.js";
import type { Files } from "../ports/files.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc, type InvitationDoc } from "../store/collections.js";
import type { CommandDeps } from "./commandDeps.js";
import { voidAndReinvite, type SignatureInvalidatorDeps } from "./signatureInvalidator.js";

/** Voids the failed signature of `invitation` and invites its teacher again; returns both sides as stored. */
export async function signatureReissuer(
  deps: Pick<CommandDeps, "store" | "clock"> & { invitations: SignatureInvalidatorDeps; files: Files },
  input: { invitation: Stored<InvitationDoc>; actor: string },
): Promise<{ application: Stored<ApplicationDoc>; replacement: Stored<InvitationDoc> }> {
  const { invitation } = input;
  const application = await collectionsOf(deps.store).applications.get(invitation.applicationId);
  if (application === null) throw new NotFoundError();
  assertDraft(application);
  const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
  const list = teacherList(edition);
  if (isLocked(application.sections[list.section])) throw new SectionLockedError([list.section]);
  if (invitation.state !== "signed") throw new SignatureNotReissuableError();
  const current = await currentContent(deps.store, deps.invitations.cipher, edition, application);
  const verdict = await signatureVerdict(edition, invitation, current, deps.files);
  if (verdict.state !== "tampered") throw new SignatureNotReissuableError();

  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const stored = await voidAndReinvite(tx, deps.invitations, {
      application,
      edition,
      stale: [{ invitation, reason: "tampered" }],
      actor: input.actor,
      now,
    });
    const voided = await collectionsOf(tx).invitations.get(invitation._id);
    const replacement =
      voided?.replacedBy === undefined ? null : await collectionsOf(tx).invitations.get(voided.replacedBy);
    if (replacement === null) throw new Error("signatureReissuer: the replacement invitation was not stored");
    return { application: stored, replacement };
  });
}
