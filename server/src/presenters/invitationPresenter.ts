/**
 * Invitations as they leave the server (TCH-3…5): the candidate's per-teacher view (state label, masked
 * number, timestamps, link while live) and the teacher's pages (notice, form, summary, result). Fields are
 * listed explicitly; token hashes, codes, sessions and the registry's personal data never leave.
 */
import type { Edition, JsonSchema, Rule, UiSchema } from "@shenbao/rules";
import { EVALUATION_FORM, roleTitle } from "../invitations/invitationRecords.js";
import {
  effectiveState,
  INVITATION_STATE_LABELS,
  isLive,
  nextState,
  type InvitationState,
} from "../invitations/invitationStates.js";
import type { InvitationSummary } from "../invitations/invitationSummary.js";
import type { FaceVerification } from "../ports/faceVerification.js";
import type { Stored } from "../ports/store.js";
import type { InvitationDoc } from "../store/collections.js";

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

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
}

/** The candidate's view of `doc`; `link` is built by the route (it knows the origin) for live invitations. */
export function presentCandidateInvitation(
  edition: Edition,
  doc: Stored<InvitationDoc>,
  now: number,
  link: string | undefined,
): CandidateInvitationView {
  const state = effectiveState(doc, now);
  const live = isLive(state);
  return {
    id: doc._id,
    role: doc.role,
    roleTitle: roleTitle(edition, doc.role),
    teacherName: doc.teacherName,
    teacherMaskedIdNumber: doc.teacherMaskedIdNumber,
    state,
    stateLabel: INVITATION_STATE_LABELS[state],
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

/** The teacher's page after opening the link (TCH-4 「阅读须知」). */
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
  const form = edition.forms.find((candidate) => candidate.key === EVALUATION_FORM);
  return {
    state,
    stateLabel: INVITATION_STATE_LABELS[state],
    role: doc.role,
    roleTitle: roleTitle(edition, doc.role),
    teacherName: doc.teacherName,
    expiresAt: new Date(doc.expiresAt).toISOString(),
    sessionActive,
    verification: { provider: face.kind, requiresPhoneCode: face.requiresPhoneCode },
    form: {
      editionKey: edition.key,
      editionVersion: edition.version,
      key: EVALUATION_FORM,
      title: form?.title ?? "",
      schema: form?.schema ?? {},
      uiSchema: form?.uiSchema ?? {},
      rules: form?.rules ?? [],
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
