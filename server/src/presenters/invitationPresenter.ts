/**
 * Invitations as they leave the server (TCH-3…5): the candidate's per-teacher view (state label, masked
 * number, timestamps, link while live) and the teacher's pages (notice, form, summary, result). Fields are
 * listed explicitly; token hashes, codes, sessions and the registry's personal data never leave.
 */
import {
  findForm,
  teacherRoleTitle,
  type Edition,
  type JsonSchema,
  type Rule,
  type UiSchema,
} from "@shenbao/rules";
import { evaluationFormKey } from "../invitations/invitationRecords.js";
import { INVITATION_MAX_VERIFY_FAILURES } from "../invitations/invitationSettings.js";
import {
  effectiveState,
  INVITATION_STATE_LABELS,
  isLive,
  nextState,
  type InvitationState,
} from "../invitations/invitationStates.js";
import type { InvitationSummary } from "../invitations/invitationSummary.js";
import {
  TAMPERED_MESSAGE,
  VOID_REASON_LABELS,
  type SignatureVerdict,
} from "../invitations/signatureIntegrity.js";
import type { FaceVerification } from "../ports/faceVerification.js";
import type { Stored } from "../ports/store.js";
import { iso } from "./isoTime.js";
import type { InvitationDoc } from "../store/collections.js";

/** One teacher of the candidate's list (TCH-5). */
export interface CandidateInvitationView {
  id: string;
  role: string;
  roleTitle: string;
  teacherName: string;
  teacherMaskedIdNumber: string;
  state: InvitationState;
  stateLabel: string;
  canRevoke: boolean;
  /** The teacher's page, while the invitation is live; null otherwise. */
  link: string | null;
  /** `GET` of the QR code PNG, while live. */
  qrUrl: string | null;
  issuedAt: string;
  expiresAt: string;
  sentAt: string | null;
  viewedAt: string | null;
  verifiedAt: string | null;
  signedAt: string | null;
  expiredAt: string | null;
  revokedAt: string | null;
  invalidatedAt: string | null;
  replaces: string | null;
  replacedBy: string | null;
  /** Why a signature was voided (已失效), in the candidate's words; null otherwise. */
  invalidatedReason: string | null;
  /**
   * A signed invitation whose record or image fails its hash check (issue 11): 「签名校验失败，请联系老师重新
   * 签名」; it does not count and blocks submit. Null when the signature holds or nothing is signed.
   */
  problem: string | null;
  /** 请老师重新签名 is offered: the signature failed its check (`POST /api/invitations/:id/reissue`). */
  canReissue: boolean;
  /** Too many failed identity checks: the teacher can no longer use the link (issue 11). */
  locked: boolean;
}

/** The candidate's view of `doc`; `link` is built by the route (it knows the origin) for live invitations. */
export function presentCandidateInvitation(
  edition: Edition,
  doc: Stored<InvitationDoc>,
  now: number,
  link: string | undefined,
  verdict?: SignatureVerdict,
): CandidateInvitationView {
  const state = effectiveState(doc, now);
  const live = isLive(state);
  const tampered = verdict?.state === "tampered";
  const locked = live && doc.verifyFailures >= INVITATION_MAX_VERIFY_FAILURES;
  return {
    id: doc._id,
    role: doc.role,
    roleTitle: teacherRoleTitle(edition, doc.role),
    teacherName: doc.teacherName,
    teacherMaskedIdNumber: doc.teacherMaskedIdNumber,
    state,
    stateLabel: tampered ? "签名校验失败" : locked ? "已锁定" : INVITATION_STATE_LABELS[state],
    canRevoke: nextState(state, "revoked") !== undefined,
    link: live && link !== undefined ? link : null,
    qrUrl: live ? `/api/invitations/${doc._id}/qr.png` : null,
    issuedAt: new Date(doc.issuedAt).toISOString(),
    expiresAt: new Date(doc.expiresAt).toISOString(),
    sentAt: iso(doc.sentAt),
    viewedAt: iso(doc.viewedAt),
    verifiedAt: iso(doc.verifiedAt),
    signedAt: iso(doc.evaluation?.signedAt),
    expiredAt: iso(doc.expiredAt ?? (state === "expired" ? doc.expiresAt : undefined)),
    revokedAt: iso(doc.revokedAt),
    invalidatedAt: iso(doc.invalidatedAt),
    replaces: doc.replaces ?? null,
    replacedBy: doc.replacedBy ?? null,
    invalidatedReason: doc.invalidatedReason === undefined ? null : VOID_REASON_LABELS[doc.invalidatedReason],
    problem: tampered ? TAMPERED_MESSAGE : null,
    canReissue: tampered,
    locked,
  };
}

/** The evaluation form as the teacher's FormEngine renders it. */
export interface EvaluationFormView {
  editionKey: string;
  editionVersion: string;
  key: string;
  title: string;
  schema: JsonSchema;
  uiSchema: UiSchema;
  rules: Rule[];
}

/** The teacher's page after opening the link (TCH-4, the notice step). */
export interface TeacherInvitationView {
  state: InvitationState;
  stateLabel: string;
  role: string;
  roleTitle: string;
  teacherName: string;
  expiresAt: string;
  /** Whether this browser holds a live teacher session (summary and signing are open). */
  sessionActive: boolean;
  verification: { provider: string; requiresPhoneCode: boolean };
  form: EvaluationFormView;
}

/** The teacher's view of `doc` on `edition`. */
export function presentTeacherInvitation(
  edition: Edition,
  doc: Stored<InvitationDoc>,
  now: number,
  face: FaceVerification,
  sessionActive: boolean,
): TeacherInvitationView {
  const state = effectiveState(doc, now);
  const key = evaluationFormKey(edition);
  const form = findForm(edition, key);
  return {
    state,
    stateLabel: INVITATION_STATE_LABELS[state],
    role: doc.role,
    roleTitle: teacherRoleTitle(edition, doc.role),
    teacherName: doc.teacherName,
    expiresAt: new Date(doc.expiresAt).toISOString(),
    sessionActive,
    verification: { provider: face.kind, requiresPhoneCode: face.requiresPhoneCode },
    form: {
      editionKey: edition.key,
      editionVersion: edition.version,
      key,
      title: form.title,
      schema: form.schema,
      uiSchema: form.uiSchema,
      rules: form.rules,
    },
  };
}

/** The read-only summary the teacher signs over (already masked by construction). */
export function presentTeacherSummary(summary: InvitationSummary): InvitationSummary {
  return {
    editionKey: summary.editionKey,
    editionVersion: summary.editionVersion,
    candidateType: summary.candidateType,
    candidateTypeLabel: summary.candidateTypeLabel,
    candidate: summary.candidate && {
      name: summary.candidate.name,
      maskedIdNumber: summary.candidate.maskedIdNumber,
    },
    sections: summary.sections.map(({ key, title, data }) => ({ key, title, data })),
  };
}

/** What the teacher sees after signing: the state and the hash that identifies what was signed. */
export function presentSignedEvaluation(doc: Stored<InvitationDoc>): {
  state: InvitationState;
  stateLabel: string;
  signedAt: string | null;
  contentHash: string | null;
} {
  return {
    state: doc.state,
    stateLabel: INVITATION_STATE_LABELS[doc.state],
    signedAt: iso(doc.evaluation?.signedAt),
    contentHash: doc.evaluation?.contentHash ?? null,
  };
}
