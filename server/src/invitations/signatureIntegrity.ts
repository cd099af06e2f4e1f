/**
 * Whether a stored signature still holds (TCH-4, issue 11), asked on every write that may void it and on
 * every read that shows it (the candidate's list, the 申请表 PDF, submit):
 * - intact: the stored record hashes to what it says (summaryHash over summaryJson, contentHash over summary,
 *   answers and image hash) and, when the files port is given, the image in storage still hashes to
 *   `signatureSha256`. A row edited or a file swapped in storage is `tampered`.
 * - current: what the teacher signed is still what the candidate declares. Compared as covered content,
 *   not as raw hashes: a section saved empty that was never there, or a field saved "" that was absent,
 *   changes nothing a teacher read. A different verified person, or an attachment the signed content
 *   names that is no longer stored, is a change.
 */
import { createHash } from "node:crypto";
import type { Edition, Json } from "@shenbao/rules";
import { attachmentRefs } from "../applications/attachmentRefs.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { Files } from "../ports/files.js";
import type { Store, Stored, StoreTx } from "../ports/store.js";
import {
  collectionsOf,
  type ApplicationDoc,
  type InvitationDoc,
  type InvitationEvaluation,
} from "../store/collections.js";
import { canonicalHash, canonicalJson } from "./canonicalJson.js";
import { invitationSummary, type InvitationSummary } from "./invitationSummary.js";

/** Why a signature no longer covers the candidate's content; shown on the voided card. */
export type VoidReason = NonNullable<InvitationDoc["invalidatedReason"]>;

/** The candidate's words for each reason (generic platform wording). */
export const VOID_REASON_LABELS: Readonly<Record<VoidReason, string>> = {
  content: "申请内容已修改",
  identity: "实名认证信息已变更",
  attachment: "签署时的附件已删除",
  tampered: "签名校验失败",
};

/** What the candidate is told about a signature whose stored record or image fails its hash. */
export const TAMPERED_MESSAGE = "签名校验失败，请点「请老师重新签名」，老师会收到新的签名链接";

/** One signature's verdict. */
export type SignatureVerdict =
  { state: "valid" } | { state: "stale"; reason: VoidReason } | { state: "tampered" };

type Reader = Pick<Store | StoreTx, "collection">;

/** What the checks read of an invitation: its stored evaluation, if any. */
export interface SignedRecord {
  evaluation?: InvitationEvaluation | undefined;
}

/** Whether the stored record is intact (without reading the image). */
export function recordIntact(doc: SignedRecord): boolean {
  const evaluation = doc.evaluation;
  if (evaluation === undefined) return false;
  try {
    const summaryText = createHash("sha256").update(evaluation.summaryJson, "utf8").digest("hex");
    if (summaryText !== evaluation.summaryHash) return false;
    const summary = JSON.parse(evaluation.summaryJson) as unknown;
    if (canonicalJson(summary) !== evaluation.summaryJson) return false;
    return (
      canonicalHash({
        summary,
        evaluation: evaluation.answers,
        signatureSha256: evaluation.signatureSha256,
      }) === evaluation.contentHash
    );
  } catch {
    return false;
  }
}

/** Whether the signature image in storage still hashes to the recorded sha256 (a missing file fails). */
export async function imageIntact(files: Files, doc: SignedRecord): Promise<boolean> {
  const evaluation = doc.evaluation;
  if (evaluation === undefined) return false;
  try {
    const hash = createHash("sha256");
    for await (const piece of (await files.get(evaluation.signatureFileKey)) as AsyncIterable<Buffer>)
      hash.update(piece);
    return hash.digest("hex") === evaluation.signatureSha256;
  } catch {
    return false;
  }
}

/** Empty answers carry nothing a teacher read: "", null, [], {} and list rows holding only those. */
function covered(value: Json | undefined): Json | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (Array.isArray(value)) {
    const items = value.map(covered).filter((item): item is Json => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const [key, child] of Object.entries(value)) {
      const kept = covered(child);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

/** The declared content a summary covers, empty answers and display-only labels left out. */
function coveredSections(summary: InvitationSummary): string {
  const sections: Record<string, Json> = {};
  for (const section of summary.sections) {
    const kept = covered(section.data as Json);
    if (kept !== undefined) sections[section.key] = kept;
  }
  return canonicalJson({
    editionKey: summary.editionKey,
    editionVersion: summary.editionVersion,
    candidateType: summary.candidateType,
    sections,
  });
}

/** Attachment ids the signed summary names in its sections' attachment fields. */
function coveredAttachments(edition: Edition, summary: InvitationSummary): string[] {
  const ids: string[] = [];
  for (const section of summary.sections) {
    const schema = edition.sections.find((candidate) => candidate.key === section.key)?.schema;
    if (schema !== undefined) ids.push(...attachmentRefs(schema, section.data).map((ref) => ref.id));
  }
  return [...new Set(ids)];
}

/** What the signatures of one application are compared against: its content as stored now. */
export interface CurrentContent {
  summary: InvitationSummary;
  liveAttachments: ReadonlySet<string>;
}

/** The application's current summary and live attachment ids, read through `reader` (a tx when writing). */
export async function currentContent(
  reader: Reader,
  cipher: PersonalDataCipher,
  edition: Edition,
  application: Pick<
    ApplicationDoc,
    "userId" | "editionKey" | "editionVersion" | "candidateType" | "sections"
  > & { _id: string },
): Promise<CurrentContent> {
  const summary = await invitationSummary(reader, cipher, edition, application);
  const { items } = await collectionsOf(reader).attachments.find({ applicationId: application._id });
  return { summary, liveAttachments: new Set(items.map((item) => item._id)) };
}

/**
 * Whether `doc`'s signature still covers `current`; null when it does. An identity withdrawn meanwhile
 * (no verified person now) voids nothing by itself: submit needs a verified person again, and verifying
 * runs this check against whoever that is.
 */
export function staleReason(edition: Edition, doc: SignedRecord, current: CurrentContent): VoidReason | null {
  const evaluation = doc.evaluation;
  if (evaluation === undefined) return "content";
  let signed: InvitationSummary;
  try {
    signed = JSON.parse(evaluation.summaryJson) as InvitationSummary;
  } catch {
    return "content";
  }
  // A deleted file is named first: deleting it also takes its id out of the section.
  if (coveredAttachments(edition, signed).some((id) => !current.liveAttachments.has(id))) return "attachment";
  if (coveredSections(signed) !== coveredSections(current.summary)) return "content";
  const person = current.summary.candidate;
  if (person !== null && canonicalJson(signed.candidate) !== canonicalJson(person)) return "identity";
  return null;
}

/** The verdict of one signed invitation; `files` adds the image check (reads, never writes). */
export async function signatureVerdict(
  edition: Edition,
  doc: SignedRecord,
  current: CurrentContent,
  files?: Files,
): Promise<SignatureVerdict> {
  if (!recordIntact(doc)) return { state: "tampered" };
  if (files !== undefined && !(await imageIntact(files, doc))) return { state: "tampered" };
  const reason = staleReason(edition, doc, current);
  return reason === null ? { state: "valid" } : { state: "stale", reason };
}

/**
 * Verdicts of every signed invitation of `application`, by invitation id. A caller that has just read the
 * application's invitations passes them as `invitations` (the signed ones are taken) instead of a second read.
 */
export async function signatureVerdicts(
  reader: Reader,
  deps: { cipher: PersonalDataCipher; files?: Files },
  edition: Edition,
  application: Stored<ApplicationDoc>,
  invitations?: readonly Stored<InvitationDoc>[],
): Promise<Map<string, SignatureVerdict>> {
  const items =
    invitations?.filter((doc) => doc.applicationId === application._id && doc.state === "signed") ??
    (await collectionsOf(reader).invitations.find({ applicationId: application._id, state: "signed" })).items;
  const verdicts = new Map<string, SignatureVerdict>();
  if (items.length === 0) return verdicts;
  const current = await currentContent(reader, deps.cipher, edition, application);
  for (const doc of items) verdicts.set(doc._id, await signatureVerdict(edition, doc, current, deps.files));
  return verdicts;
}
