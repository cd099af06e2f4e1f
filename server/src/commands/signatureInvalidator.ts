/**
 * 已失效 (TCH-4): after a save, every signed evaluation whose summary no longer matches the candidate's
 * content is invalidated, and the same person is invited again (new token, new jobs), all inside the save's
 * own transaction, so a save never leaves a stale signature counted as complete. "No longer matches" is
 * the covered content (signatureIntegrity.ts): a save that changes nothing a teacher read voids nothing and
 * sends no message; a different verified person or a deleted covered attachment does void (issue 11).
 */
import type { Edition } from "@shenbao/rules";
import { settleSections } from "../applications/applicationSections.js";
import { SignaturesWouldVoidError } from "../errors.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { issueInvitationIn } from "../invitations/invitationIssuing.js";
import { teacherList } from "../invitations/invitationRecords.js";
import { nextState } from "../invitations/invitationStates.js";
import { currentContent, staleReason, type VoidReason } from "../invitations/signatureIntegrity.js";
import { invitationFields } from "../invitations/invitationUpdates.js";
import type { Queue } from "../ports/queue.js";
import type { Store, Stored, StoreTx } from "../ports/store.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { collectionsOf, type ApplicationDoc, type InvitationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";

/** What re-inviting needs beside the transaction: the queue, the cipher and the link lifetime. */
export interface SignatureInvalidatorDeps {
  queue: Queue;
  cipher: PersonalDataCipher;
  ttlMs: number;
}

/**
 * Invalidates the stale signatures of `application` (just written in `tx`) and re-invites; returns the
 * application as stored afterwards (unchanged when no signature went stale). Without `deps` it only
 * checks: a caller that cannot re-invite must not silently keep a stale signature.
 */
export async function signatureInvalidator(
  tx: StoreTx,
  deps: SignatureInvalidatorDeps | undefined,
  input: {
    application: Stored<ApplicationDoc>;
    edition: Edition;
    actor: string;
    now: number;
    /** Throw `SignaturesWouldVoidError` instead of voiding (the candidate has not been warned yet). */
    refuseVoiding?: boolean;
  },
): Promise<Stored<ApplicationDoc>> {
  const { application, edition, now } = input;
  const { items: signed } = await collectionsOf(tx).invitations.find({
    applicationId: application._id,
    state: "signed",
  });
  if (signed.length === 0) return application;
  if (deps === undefined)
    throw new Error("signatureInvalidator: signed invitations exist but no queue was given");
  const stale = await staleSignatures(tx, deps.cipher, edition, application, signed);
  if (stale.length === 0) return application;
  if (input.refuseVoiding === true)
    throw new SignaturesWouldVoidError(stale.map(({ invitation }) => invitation._id));

  return voidAndReinvite(tx, deps, { application, edition, stale, actor: input.actor, now });
}

/**
 * Voids each of `stale` (已失效, with its reason) and invites the same teacher again (new token, new jobs)
 * in `tx`, pointing the candidate's teacher list at the new invitations; returns the application as stored.
 */
export async function voidAndReinvite(
  tx: StoreTx,
  deps: SignatureInvalidatorDeps,
  input: {
    application: Stored<ApplicationDoc>;
    edition: Edition;
    stale: { invitation: Stored<InvitationDoc>; reason: VoidReason }[];
    actor: string;
    now: number;
  },
): Promise<Stored<ApplicationDoc>> {
  const { application, edition, stale, now } = input;
  const list = teacherList(edition);
  const record = application.sections[list.section];
  const teachers = list.teachersOf(record?.data);
  for (const { invitation, reason } of stale) {
    const issued = await issueInvitationIn(
      tx,
      deps,
      {
        applicationId: invitation.applicationId,
        candidateId: invitation.candidateId,
        role: invitation.role,
        registryId: invitation.registryId,
        teacherName: invitation.teacherName,
        teacherMaskedIdNumber: invitation.teacherMaskedIdNumber,
        ...(invitation.workProof === undefined ? {} : { workProof: invitation.workProof }),
        replaces: invitation._id,
      },
      { actor: input.actor, now },
    );
    const state = nextState(invitation.state, "invalidated") ?? "invalidated";
    await collectionsOf(tx).invitations.replace(invitation._id, invitation.rev, {
      ...invitationFields(invitation),
      state,
      invalidatedAt: now,
      invalidatedReason: reason,
      replacedBy: issued.invitation._id,
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: "invitation.invalidated",
      entity: "invitations",
      entityId: invitation._id,
      before: { state: invitation.state },
      after: { state, reason, replacedBy: issued.invitation._id },
      at: now,
    });
    for (const entry of teachers) {
      if (entry.invitationId === invitation._id) {
        entry.invitationId = issued.invitation._id;
        entry.signed = false;
      }
    }
  }
  const doc: ApplicationDoc = {
    ...application,
    sections: settleSections(edition, application.candidateType, {
      ...application.sections,
      [list.section]: {
        ...(record ?? { state: "incomplete" as const }),
        data: list.withTeachers(record?.data, teachers),
        updatedAt: now,
      },
    }),
  };
  return collectionsOf(tx).applications.replace(application._id, application.rev, doc);
}

/** The signed invitations among `signed` whose signature no longer covers `application`, with why. */
export async function staleSignatures(
  reader: Pick<StoreTx, "collection">,
  cipher: SignatureInvalidatorDeps["cipher"],
  edition: Edition,
  application: Pick<
    ApplicationDoc,
    "userId" | "editionKey" | "editionVersion" | "candidateType" | "sections"
  > & { _id: string },
  signed: Stored<InvitationDoc>[],
): Promise<{ invitation: Stored<InvitationDoc>; reason: VoidReason }[]> {
  if (signed.length === 0) return [];
  const current = await currentContent(reader, cipher, edition, application);
  return signed.flatMap((invitation) => {
    const reason = staleReason(edition, invitation, current);
    return reason === null ? [] : [{ invitation, reason }];
  });
}

/**
 * Runs the invalidator over every draft application of `userId` (its verified person changed, issue 11);
 * inside the identity command's transaction, so a new person is never left under old signatures.
 */
export async function signatureInvalidatorForUser(
  tx: StoreTx,
  deps: SignatureInvalidatorDeps | undefined,
  input: { store: Store; userId: string; actor: string; now: number },
): Promise<void> {
  const { items } = await collectionsOf(tx).applications.find({ userId: input.userId }, { limit: 20 });
  for (const application of items) {
    if (application.status !== "draft") continue;
    const edition = await publishedEdition(input.store, application.editionKey, application.editionVersion);
    await signatureInvalidator(tx, deps, { application, edition, actor: input.actor, now: input.now });
  }
}
