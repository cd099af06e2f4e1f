/**
 * Gathers what one 申请表 is drawn from: the pinned edition, the candidate's verified identity (name and the
 * masked document number), the application's attachments and its signed teacher evaluations with their
 * signature images. Read-only; the drawing itself does no I/O.
 */
import { editionBindings, getAt, isObject, teacherRoleTitle, type Edition, type Json } from "@shenbao/rules";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { prefilledName } from "../applications/identityPrefill.js";
import { publishedEdition } from "../editions/publishedEditions.js";
import { maskIdNumber } from "../identity/idNumber.js";
import { currentIdentityOf, identityNumberContext } from "../identity/identityRecords.js";
import { signatureFieldOf } from "../invitations/invitationRecords.js";
import { signatureVerdicts, TAMPERED_MESSAGE } from "../invitations/signatureIntegrity.js";
import type { Files } from "../ports/files.js";
import type { Store, Stored } from "../ports/store.js";
import {
  collectionsOf,
  type ApplicationDoc,
  type AttachmentDoc,
  type Collections,
} from "../store/collections.js";
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
  const evaluations = await signedEvaluations(deps, collections, edition, application);
  let identitySummary: IdentitySummary;
  if (identity?.state === "verified") {
    const number = deps.cipher.decrypt(identity.idNumberEnc, identityNumberContext(identity._id));
    identitySummary = { name: identity.name, idNumberMasked: maskIdNumber(number) };
  } else {
    // Identity withdrawn since (ID-5): the name the application kept, and no number to show.
    identitySummary = {
      name: prefilledName(edition, application.sections) ?? NOT_VERIFIED,
      idNumberMasked: NOT_VERIFIED,
    };
  }
  return {
    edition,
    application,
    identitySummary,
    attachments: attachments.items.map(({ _id, name, size }) => ({ _id, name, size })),
    evaluations,
    pictures: await pictures(deps.files, edition, application, attachments.items),
  };
}

const PICTURE_TYPES = new Set(["image/jpeg", "image/png"]);

/**
 * Dotted paths of a uiSchema's single-file, images-only attachment fields (e.g. a photo): what the edition
 * says is a picture, printed as one (issue 12). List items are left out (their files are listed by name).
 */
export function pictureFields(ui: Json | undefined, base = ""): string[] {
  if (!isObject(ui)) return [];
  const options = ui["ui:options"];
  const accept = isObject(options) && Array.isArray(options.accept) ? options.accept : [];
  if (
    ui["ui:widget"] === "attachment" &&
    isObject(options) &&
    options.maxCount === 1 &&
    accept.length > 0 &&
    accept.every((type) => typeof type === "string" && PICTURE_TYPES.has(type))
  )
    return [base];
  return Object.entries(ui)
    .filter(([name]) => !name.startsWith("ui:") && name !== "items")
    .flatMap(([name, child]) => pictureFields(child, base === "" ? name : `${base}.${name}`));
}

/** The images the application's picture fields hold, with their bytes (≤ the field's size limit). */
async function pictures(
  files: Files,
  edition: Edition,
  application: Stored<ApplicationDoc>,
  attachments: Stored<AttachmentDoc>[],
): Promise<{ id: string; bytes: Buffer }[]> {
  const wanted = edition.sections.flatMap((section) =>
    pictureFields(section.uiSchema).map((path) => getAt(application.sections[section.key]?.data ?? {}, path)),
  );
  const found = attachments.filter(
    (attachment) => wanted.includes(attachment._id) && PICTURE_TYPES.has(attachment.mime),
  );
  const read = await Promise.all(
    found.map(async (attachment) => {
      const bytes = await readAll(files, attachment.fileKey).catch(() => undefined);
      return bytes === undefined ? [] : [{ id: attachment._id, bytes }];
    }),
  );
  return read.flat();
}

/**
 * The application's signed evaluations in the order of the candidate's teacher list. Only `signed`
 * invitations: an invalidated signature (the content changed after signing) or a revoked one is no
 * evaluation of what is printed.
 */
async function signedEvaluations(
  deps: { store: Store; cipher: PersonalDataCipher; files: Files },
  collections: Collections,
  edition: Edition,
  application: Stored<ApplicationDoc>,
): Promise<PdfEvaluation[]> {
  const files = deps.files;
  // Issue 11: verified on read; a tampered record or image is printed as such, never as a signature.
  const { items } = await collections.invitations.find({ applicationId: application._id, state: "signed" });
  const verdicts = await signatureVerdicts(deps.store, deps, edition, application, items);
  const binding = editionBindings(edition).teacherList;
  const list = binding && application.sections[binding.section]?.data[binding.field];
  const listed = (Array.isArray(list) ? list : []).map((entry) =>
    isObject(entry) ? entry.invitationId : undefined,
  );
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
      const tampered = verdicts.get(doc._id)?.state === "tampered";
      return {
        roleTitle: teacherRoleTitle(edition, doc.role),
        teacherName: doc.teacherName,
        institution: person?.institution,
        title: person?.title,
        answers: evaluation.answers,
        signedAt: evaluation.signedAt,
        contentHash: evaluation.contentHash,
        signature: !tampered && typeof id === "string" && png !== undefined ? { id, png } : undefined,
        ...(tampered && { problem: TAMPERED_MESSAGE }),
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
