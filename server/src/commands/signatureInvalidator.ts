/**
 * 已失效 (TCH-4): after a save, every signed evaluation whose summary no longer matches the candidate's
 * content is invalidated, and the same person is invited again (new token, new jobs), all inside the save's
 * own transaction, so a save never leaves a stale signature counted as complete.
 */
import type { Edition } from "@shenbao/rules";
import { settleSections } from "../applications/applicationSections.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { issueInvitationIn } from "../invitations/invitationIssuing.js";
import { TEACHER_LIST, teachersOf, withTeachers } from "../invitations/invitationRecords.js";
import { nextState } from "../invitations/invitationStates.js";
import { invitationSummary, summaryHash } from "../invitations/invitationSummary.js";
import { invitationFields } from "../invitations/invitationUpdates.js";
import type { Queue } from "../ports/queue.js";
import type { Stored, StoreTx } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc } from "../store/collections.js";
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
  input: { application: Stored<ApplicationDoc>; edition: Edition; actor: string; now: number },
): Promise<Stored<ApplicationDoc>> {
  const { application, edition, now } = input;
  const { items: signed } = await collectionsOf(tx).invitations.find({
    applicationId: application._id,
    state: "signed",
  });
  if (signed.length === 0) return application;
  if (deps === undefined)
    throw new Error("signatureInvalidator: signed invitations exist but no queue was given");
  const current = summaryHash(await invitationSummary(tx, deps.cipher, edition, application));
  const stale = signed.filter((invitation) => invitation.evaluation?.summaryHash !== current);
  if (stale.length === 0) return application;

  const record = application.sections[TEACHER_LIST.section];
  const teachers = teachersOf(record?.data);
  for (const invitation of stale) {
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
      replacedBy: issued.invitation._id,
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: "invitation.invalidated",
      entity: "invitations",
      entityId: invitation._id,
      before: { state: invitation.state },
      after: { state, replacedBy: issued.invitation._id },
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
      [TEACHER_LIST.section]: {
        ...(record ?? { state: "incomplete" as const }),
        data: withTeachers(record?.data, teachers),
        updatedAt: now,
      },
    }),
  };
  return collectionsOf(tx).applications.replace(application._id, application.rev, doc);
}
