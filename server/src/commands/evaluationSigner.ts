/**
 * 提交 of the teacher's evaluation (TCH-4): the answers are checked with the edition's evaluation form (the
 * same rules the page ran), the handwritten signature is kept in the files port, and the evaluation is
 * stored once with `contentHash` = sha256(canonicalJson({ summary, evaluation, signatureSha256 })). The
 * teacher's entry on the candidate's list is marked signed in the same transaction.
 */
import { Readable } from "node:stream";
import { checkSection, pruneHidden, type Edition, type SectionData } from "@shenbao/rules";
import { settleSections } from "../applications/applicationSections.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { InvalidInputError, NotFoundError, RevisionConflictError, SignatureInvalidError } from "../errors.js";
import { canonicalHash, canonicalJson } from "../invitations/canonicalJson.js";
import { assertTeacherSession, resolveTeacherInvitation } from "../invitations/invitationAccess.js";
import { evaluationFormKey, signatureFieldOf, teacherList } from "../invitations/invitationRecords.js";
import { SIGNATURE_MAX_BYTES_FALLBACK } from "../invitations/invitationSettings.js";
import { nextState } from "../invitations/invitationStates.js";
import { invitationSummary } from "../invitations/invitationSummary.js";
import { invitationFields } from "../invitations/invitationUpdates.js";
import type { Files } from "../ports/files.js";
import type { Stored, StoreTx } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc, type InvitationDoc } from "../store/collections.js";
import { appendAudit } from "./audit.js";
import type { CommandDeps } from "./commandDeps.js";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// The candidate may save at the same moment; the summary is then recomputed from the newer content.
const MAX_RACES = 3;

/** The teacher's submission; the route has checked that the commitment was accepted. */
export interface SignInput {
  token: string;
  sessionToken: string | undefined;
  evaluation: SectionData;
  signaturePng: Buffer;
}

/** Stores the signed evaluation, or throws what is wrong with it (nothing is written then). */
export async function evaluationSigner(
  deps: Pick<CommandDeps, "store" | "cipher" | "clock"> & { files: Files },
  input: SignInput,
): Promise<Stored<InvitationDoc>> {
  for (let race = 0; ; race++) {
    const now = deps.clock.now();
    const invitation = await resolveTeacherInvitation(deps.store, input.token, now);
    assertTeacherSession(invitation, input.sessionToken, now);
    const application = await collectionsOf(deps.store).applications.get(invitation.applicationId);
    if (application === null) throw new NotFoundError();
    const edition = await publishedEdition(deps.store, application.editionKey, application.editionVersion);
    const signature = signatureFieldOf(edition);
    if (signature === undefined) throw new NotFoundError();
    checkPng(input.signaturePng, signature.maxBytes ?? SIGNATURE_MAX_BYTES_FALLBACK);

    // The signature field holds an attachment-shaped id naming this invitation's image.
    const answers: SectionData = { ...input.evaluation, [signature.field]: `sig_${invitation._id}` };
    const formKey = evaluationFormKey(edition);
    const formAnswers = { sections: { [formKey]: answers } };
    const errors = checkSection(edition, formKey, formAnswers);
    if (errors.length > 0)
      throw new InvalidInputError(errors[0]?.message, {
        issues: errors.map(({ path, message }) => ({ path, message })),
      });
    const evaluation = pruneHidden(edition, formKey, formAnswers);

    const summary = await invitationSummary(deps.store, deps.cipher, edition, application);
    const summaryJson = canonicalJson(summary);
    const stored = await deps.files.put(Readable.from([input.signaturePng]), {
      maxBytes: signature.maxBytes ?? SIGNATURE_MAX_BYTES_FALLBACK,
      allowedTypes: ["image/png"],
    });
    try {
      return await deps.store.transaction(async (tx) => {
        const state = nextState(invitation.state, "signed");
        if (state === undefined) throw new RevisionConflictError();
        const {
          teacherSessionHash: _s,
          teacherSessionExpiresAt: _e,
          code: _c,
          ...fields
        } = invitationFields(invitation);
        const signed = await collectionsOf(tx).invitations.replace(invitation._id, invitation.rev, {
          ...fields,
          state,
          evaluation: {
            answers: evaluation,
            signatureFileKey: stored.key,
            signatureSha256: stored.sha256,
            summaryJson,
            summaryHash: canonicalHash(summary),
            contentHash: canonicalHash({ summary, evaluation, signatureSha256: stored.sha256 }),
            signedAt: now,
          },
        });
        await markSigned(tx, edition, application, invitation._id, now);
        await appendAudit(tx, {
          actor: `teacher:${invitation._id}`,
          action: "invitation.signed",
          entity: "invitations",
          entityId: invitation._id,
          before: { state: invitation.state },
          after: { state, contentHash: signed.evaluation?.contentHash ?? null },
          at: now,
        });
        return signed;
      });
    } catch (error) {
      await deps.files.delete(stored.key).catch(() => undefined);
      if (!(error instanceof RevisionConflictError) || race >= MAX_RACES) throw error;
    }
  }
}

function checkPng(image: Buffer, maxBytes: number): void {
  if (image.length > maxBytes)
    throw new SignatureInvalidError(`签名图片过大，不能超过 ${Math.floor(maxBytes / 1024)} KB`);
  if (image.length <= PNG_MAGIC.length || !image.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC))
    throw new SignatureInvalidError();
}

/** Sets `signed` on the teacher's entry of the application's list, with the section states settled again. */
async function markSigned(
  tx: StoreTx,
  edition: Edition,
  application: Stored<ApplicationDoc>,
  invitationId: string,
  now: number,
): Promise<void> {
  const list = teacherList(edition);
  const record = application.sections[list.section];
  const teachers = list
    .teachersOf(record?.data)
    .map((entry) => (entry.invitationId === invitationId ? { ...entry, signed: true } : entry));
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
  await collectionsOf(tx).applications.replace(application._id, application.rev, doc);
}
