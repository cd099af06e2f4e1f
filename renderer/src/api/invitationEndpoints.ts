/**
 * Typed calls of the teacher lookup, the candidate's invitations and the teacher's pages (TCH-1…5), kept
 * apart from `endpoints.ts` because these routes are young. Answer types come from the server's presenters
 * (`import type` only); the teacher's calls never trigger the sign-in redirect (teachers have no account).
 */
import type {
  ApplicationView,
  CandidateInvitationView,
  InvitationState,
  InvitationSummary,
  TeacherInvitationView,
  TeacherLookupView,
} from "@shenbao/server";
import { request } from "./apiClient.js";

export type {
  CandidateInvitationView,
  InvitationState,
  InvitationSummary,
  TeacherInvitationView,
  TeacherLookupView,
};

/** A teacher role as the registry labels it (the recommenders section's `role` values). */
export type TeacherRole = "recommender" | "supervisor";

/** `GET /api/applications/:id/invitations`: the guide's QR instruction and every invitation. */
export interface InvitationList {
  instruction: string;
  /** Cross-application findings the edition shows to candidates (e.g. a teacher chosen by too many). */
  checks?: string[];
  items: CandidateInvitationView[];
}

/** `POST /api/applications/:id/invitations`: the new invitation and the application with the teacher. */
export interface InvitationCreated {
  instruction: string;
  invitation: CandidateInvitationView;
  application: ApplicationView;
}

/** `POST /api/t/:token/verify/code`. */
export interface TeacherCodeSent {
  maskedPhone: string;
  expiresAt: string;
  resendAt: string;
}

/** `POST /api/t/:token/sign`. */
export interface SignedEvaluation {
  state: InvitationState;
  stateLabel: string;
  signedAt: string | null;
  contentHash: string | null;
}

/** What the teacher submits: the evaluation answers and the signature as a PNG data URL. */
export interface SignInput {
  commitmentAccepted: true;
  evaluation: Record<string, unknown>;
  signaturePng: string;
}

const seg = encodeURIComponent;

/** 「获取」 a physician from the registry for an application (TCH-1). */
export const teacherLookupApi = {
  lookup: (applicationId: string, role: TeacherRole, name: string, idNumber: string) =>
    request<TeacherLookupView>("POST", `/api/applications/${seg(applicationId)}/teachers/lookup`, {
      body: { role, name, idNumber },
    }),
};

/** The candidate's invitations (TCH-3, TCH-5). */
export const invitationApi = {
  list: (applicationId: string) =>
    request<InvitationList>("GET", `/api/applications/${seg(applicationId)}/invitations`),
  create: (applicationId: string, input: { role: TeacherRole; ref: string; workProof?: string }) =>
    request<InvitationCreated>("POST", `/api/applications/${seg(applicationId)}/invitations`, {
      body: input,
    }),
  revoke: (invitationId: string) =>
    request<{ invitation: CandidateInvitationView; application: ApplicationView }>(
      "POST",
      `/api/invitations/${seg(invitationId)}/revoke`,
    ),
  /** 请老师重新签名 of a signature that failed its check (issue 11): voids it and invites the teacher again. */
  reissue: (invitationId: string) =>
    request<{ invitation: CandidateInvitationView; application: ApplicationView }>(
      "POST",
      `/api/invitations/${seg(invitationId)}/reissue`,
    ),
  /** The QR code PNG while the invitation is live (the view's `qrUrl`, or built from the id). */
  qrUrl: (invitation: Pick<CandidateInvitationView, "id" | "qrUrl">) =>
    invitation.qrUrl ?? `/api/invitations/${seg(invitation.id)}/qr.png`,
};

// Teachers have no account: a 401 here means "verify first", never "go and sign in".
const asTeacher = { allowUnauthorized: true } as const;

/** The teacher's pages, authenticated by the link's token (TCH-4). */
export const teacherPageApi = {
  open: (token: string) => request<TeacherInvitationView>("GET", `/api/t/${seg(token)}`, asTeacher),
  sendCode: (token: string) =>
    request<TeacherCodeSent>("POST", `/api/t/${seg(token)}/verify/code`, asTeacher),
  verify: (token: string, last6: string, code: string | undefined) =>
    request<{ state: InvitationState; sessionExpiresAt: string }>("POST", `/api/t/${seg(token)}/verify`, {
      ...asTeacher,
      body: code === undefined ? { last6 } : { last6, code },
    }),
  summary: (token: string) => request<InvitationSummary>("GET", `/api/t/${seg(token)}/summary`, asTeacher),
  sign: (token: string, input: SignInput) =>
    request<SignedEvaluation>("POST", `/api/t/${seg(token)}/sign`, { ...asTeacher, body: input }),
};
