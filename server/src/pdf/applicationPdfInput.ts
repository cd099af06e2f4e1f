/**
 * Gathers what one 申请表 is drawn from: the pinned edition, the candidate's verified identity (name and the
 * masked document number), the application's attachments and its signed teacher evaluations with their
 * signature images. Read-only; the drawing itself does no I/O.
 */
import type { Edition } from "@shenbao/rules";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { IDENTITY_PREFILL } from "../applications/identityPrefill.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { maskIdNumber } from "../identity/idNumber.js";
import { currentIdentityOf, identityNumberContext } from "../identity/identityRecords.js";
import { roleTitle, signatureFieldOf, TEACHER_LIST, teachersOf } from "../invitations/invitationRecords.js";
import type { Files } from "../ports/files.js";
import type { Store, Stored } from "../ports/store.js";
import { collectionsOf, type ApplicationDoc, type Collections } from "../store/collections.js";
import type { ApplicationPdfInput, IdentitySummary, PdfEvaluation } from "./applicationPdf.js";

const NOT_VERIFIED = "—";

/** The input of `renderApplicationPdf` for `application` (already authorized for the caller). */
export async function applicationPdfInput(
  deps: { store: Store; cipher: PersonalDataCipher; files: Files },
  application: Stored<ApplicationDoc>,
): Promise<ApplicationPdfInput> {
  const collections = collectionsOf(deps.store);
  const [edition, identity, attachments] = await Promise.all([
    publishedEdition(deps.store, application.editionKey, application.editionVersion),
    currentIdentityOf(collections, application.userId),
    collections.attachments.find({ applicationId: application._id }),
  ]);
  const evaluations = await signedEvaluations(collections, deps.files, edition, application);
  let identitySummary: IdentitySummary;
  if (identity?.state === "verified") {
    const number = deps.cipher.decrypt(identity.idNumberEnc, identityNumberContext(identity._id));
    identitySummary = { name: identity.name, idNumberMasked: maskIdNumber(number) };
  } else {
    // Identity withdrawn since (ID-5): the name the application kept, and no number to show.
    const nameField = Object.entries(IDENTITY_PREFILL.fields).find(([, fact]) => fact === "name")?.[0];
    const stored = nameField && application.sections[IDENTITY_PREFILL.section]?.data[nameField];
    identitySummary = {
      name: typeof stored === "string" ? stored : NOT_VERIFIED,
      idNumberMasked: NOT_VERIFIED,
    };
  }
  return {
    edition,
    application,
    identitySummary,
    attachments: attachments.items.map(({ _id, name, size }) => ({ _id, name, size })),
    evaluations,
  };
}

/**
 * The application's signed evaluations in the order of the candidate's teacher list. Only `signed`
 * invitations: an invalidated signature (the content changed after signing) or a revoked one is no
 * evaluation of what is printed.
 */
async function signedEvaluations(
  collections: Collections,
  files: Files,
  edition: Edition,
  application: Stored<ApplicationDoc>,
): Promise<PdfEvaluation[]> {
  const { items } = await collections.invitations.find({ applicationId: application._id, state: "signed" });
  const listed = teachersOf(application.sections[TEACHER_LIST.section]?.data).map((t) => t.invitationId);
  const position = (id: string) => {
    const index = listed.indexOf(id);
    return index < 0 ? listed.length : index;
  };
  const signatureField = signatureFieldOf(edition)?.field;
  const signed = items
    .filter((doc) => doc.evaluation !== undefined)
    .sort((a, b) => position(a._id) - position(b._id) || a.issuedAt - b.issuedAt);
  return Promise.all(
    signed.map(async (doc): Promise<PdfEvaluation> => {
      const evaluation = doc.evaluation!;
      const [person, png] = await Promise.all([
        collections.registry.get(doc.registryId),
        readAll(files, evaluation.signatureFileKey).catch(() => undefined),
      ]);
      const id = signatureField === undefined ? undefined : evaluation.answers[signatureField];
      return {
        roleTitle: roleTitle(edition, doc.role),
        teacherName: doc.teacherName,
        institution: person?.institution,
        title: person?.title,
        answers: evaluation.answers,
        signedAt: evaluation.signedAt,
        contentHash: evaluation.contentHash,
        signature: typeof id === "string" && png !== undefined ? { id, png } : undefined,
      };
    }),
  );
}

/** A stored file's bytes; signatures are small (the evaluation form caps them), so buffering is fine. */
async function readAll(files: Files, key: string): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of (await files.get(key)) as AsyncIterable<Buffer>) pieces.push(piece);
  return Buffer.concat(pieces);
}
