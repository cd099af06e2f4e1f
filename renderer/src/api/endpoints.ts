/**
 * Typed calls of every endpoint the candidate app and the small admin pages use, grouped by resource as the
 * server's `routes/` folders are. Answer types come from the server's presenters (`import type` only).
 */
import type { SectionData } from "@shenbao/rules";
import type {
  AdminIdentityView,
  ApplicationDetailsView,
  ApplicationView,
  AttachmentView,
  AutoCheckView,
  IdDocType,
  IdentityCheckDescription,
  IdentityView,
  MeView,
  PortalView,
  SectionView,
  TaskStatus,
  TaskView,
} from "@shenbao/server";
import { request } from "./apiClient.js";
import { uploadFile } from "./upload.js";

export type {
  AdminIdentityView,
  ApplicationDetailsView,
  ApplicationView,
  AttachmentView,
  IdDocType,
  IdentityView,
  MeView,
  PortalView,
  SectionView,
  TaskStatus,
  TaskView,
};

/** The answer of POST /api/auth/code. */
export interface CodeSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/** A new 扫码登录 ticket (POST /api/auth/qr-tickets). */
export interface QrTicket {
  ticketId: string;
  qrPng: string;
  url: string;
  expiresAt: string;
  pollAfterMs: number;
}

/** One poll of a 扫码登录 ticket. */
export type QrTicketPoll =
  | { status: "confirmed"; user: MeView }
  | { status: "pending"; expiresAt: string; pollAfterMs: number }
  | { status: "expired" };

/** GET /api/identity: the current attempt, the automatic-check budget (ID-3) and the provider. */
export interface IdentityPage {
  identity: IdentityView | null;
  autoCheck: AutoCheckView;
  provider: IdentityCheckDescription;
}

/** Fields of an automatic check (ID-2). */
export interface VerifyInput {
  name: string;
  idNumber: string;
  photoFront: string;
  photoBack?: string;
}

/** Fields of a manual request (ID-4); sex and birth date only for non-resident documents. */
export interface ManualRequestInput extends VerifyInput {
  docType: IdDocType;
  sex?: "male" | "female";
  birthDate?: string;
}

/** One page of the administrators' identity queue. */
export interface IdentityRequestPage {
  items: AdminIdentityView[];
  next: string | null;
  provider: IdentityCheckDescription;
}

const json = (value: string) => encodeURIComponent(value);

/** Sign-in, sign-out and 扫码登录 (ACC-1, ACC-2). */
export const authApi = {
  me: () => request<MeView>("GET", "/api/me", { allowUnauthorized: true }),
  sendCode: (phone: string) => request<CodeSent>("POST", "/api/auth/code", { body: { phone } }),
  signIn: (phone: string, code: string) =>
    request<MeView>("POST", "/api/auth/sign-in", { body: { phone, code } }),
  signOut: () => request<void>("POST", "/api/auth/sign-out", { allowUnauthorized: true }),
  signOutEverywhere: () => request<void>("POST", "/api/auth/sign-out-everywhere"),
  createQrTicket: () => request<QrTicket>("POST", "/api/auth/qr-tickets", { allowUnauthorized: true }),
  pollQrTicket: (id: string) =>
    request<QrTicketPoll>("GET", `/api/auth/qr-tickets/${json(id)}`, { allowUnauthorized: true }),
  confirmQrTicket: (id: string, secret: string) =>
    request<{ status: "confirmed" }>("POST", `/api/auth/qr-tickets/${json(id)}/confirm`, {
      body: { secret },
    }),
  /** Where the browser goes for WeChat sign-in; a full page load, as WeChat redirects back. */
  wechatStartUrl: (returnTo: string) => `/api/auth/wechat/start?returnTo=${json(returnTo)}`,
  /** Whether WeChat sign-in is configured (`GET /api/auth/providers`); any failure hides the button. */
  wechatEnabled: async (): Promise<boolean> => {
    try {
      const answer = await request<{ wechat?: unknown }>("GET", "/api/auth/providers", {
        allowUnauthorized: true,
      });
      return answer.wechat === true;
    } catch {
      return false;
    }
  },
  bootstrapAdmin: (token: string) => request<MeView>("POST", "/api/admin/bootstrap", { body: { token } }),
};

/** 实名认证 of the signed-in user (ID-1…ID-5). */
export const identityApi = {
  get: () => request<IdentityPage>("GET", "/api/identity"),
  uploadPhoto: (photo: Blob, name: string, onProgress: (percent: number) => void) =>
    uploadFile<{ id: string; mime: string; size: number }>("/api/identity/photos", photo, name, onProgress),
  photoUrl: (id: string) => `/api/identity/photos/${json(id)}`,
  verify: (input: VerifyInput) =>
    request<{ identity: IdentityView }>("POST", "/api/identity/verify", { body: input }),
  requestManual: (input: ManualRequestInput) =>
    request<{ identity: IdentityView }>("POST", "/api/identity/requests", { body: input }),
  withdraw: () => request<{ identity: IdentityView }>("POST", "/api/identity/withdraw"),
};

/** The administrators' identity queue (ID-4). */
export const identityReviewApi = {
  list: (state: "pending" | "verified" | "rejected" | "withdrawn", cursor?: string) =>
    request<IdentityRequestPage>(
      "GET",
      `/api/admin/identity-requests?state=${state}${cursor ? `&cursor=${json(cursor)}` : ""}`,
    ),
  approve: (id: string) =>
    request<{ identity: AdminIdentityView }>("POST", `/api/admin/identity-requests/${json(id)}/approve`),
  reject: (id: string, reason: string) =>
    request<{ identity: AdminIdentityView }>("POST", `/api/admin/identity-requests/${json(id)}/reject`, {
      body: { reason },
    }),
};

/** What the portal home shows of the current edition (its own light call: no rules package needed). */
export const portalApi = {
  portal: () => request<PortalView>("GET", "/api/editions/portal"),
};

/** The candidate's application (APP-1…APP-7). */
export const applicationApi = {
  mine: () => request<{ items: ApplicationView[] }>("GET", "/api/applications/mine"),
  start: () => request<ApplicationView>("POST", "/api/applications"),
  details: (id: string) => request<ApplicationDetailsView>("GET", `/api/applications/${json(id)}`),
  chooseType: (id: string, candidateType: string, rev: number, confirm: boolean) =>
    request<ApplicationView>("PUT", `/api/applications/${json(id)}/candidate-type`, {
      body: { candidateType, rev, confirm },
    }),
  section: (id: string, key: string) =>
    request<SectionView>("GET", `/api/applications/${json(id)}/sections/${json(key)}`),
  /** `confirmVoid`: the candidate agreed that the save voids teachers' signatures (issue 11). */
  saveSection: (id: string, key: string, rev: number, data: SectionData, confirmVoid = false) =>
    request<SectionView>("PUT", `/api/applications/${json(id)}/sections/${json(key)}`, {
      body: confirmVoid ? { rev, data, confirmVoid } : { rev, data },
    }),
  submit: (id: string, rev: number) =>
    request<ApplicationView>("POST", `/api/applications/${json(id)}/submit`, { body: { rev } }),
  withdraw: (id: string, rev: number) =>
    request<ApplicationView>("POST", `/api/applications/${json(id)}/withdraw`, { body: { rev } }),
  pdfUrl: (id: string) => `/api/applications/${json(id)}/pdf`,
};
