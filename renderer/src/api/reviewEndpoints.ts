/** Typed calls of the reviewers' console and the administrators' reviewer list (REV-1…REV-6). */
import type { SectionData } from "@shenbao/rules";
import type {
  AuditEventView,
  FieldComment,
  ReviewApplicationView,
  ReviewLevel,
  ReviewQueueItem,
} from "@shenbao/server";
import { request } from "./apiClient.js";

export type { AuditEventView, FieldComment, ReviewApplicationView, ReviewLevel, ReviewQueueItem };

/** The queue's filters as the page keeps them (all optional). */
export interface QueueFilters {
  stage?: string;
  candidateType?: string;
  county?: string;
  submittedFrom?: string;
  submittedTo?: string;
  signatures?: "complete" | "incomplete";
  searchBy?: "name" | "idNumber" | "phoneTail";
  q?: string;
  sort?: "submittedAt" | "-submittedAt";
}

/** The signed-in reviewer's scope. */
export interface ReviewerMe {
  level: ReviewLevel;
  levelLabel: string;
  division: string;
  divisionName: string;
}

/** One appointed reviewer. */
export interface ReviewerView {
  id: string;
  phoneMasked: string;
  level: ReviewLevel;
  levelLabel: string;
  division: string;
  divisionName: string;
  appointedAt: string;
}

const id = encodeURIComponent;

/** The query string of `filters` plus paging. */
export function queueQueryString(filters: QueueFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra }))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The reviewers' console. */
export const reviewApi = {
  me: () => request<ReviewerMe>("GET", "/api/review/me"),
  queue: (filters: QueueFilters, cursor?: string, limit = 20) =>
    request<{ items: ReviewQueueItem[]; next: string | null; total: number }>(
      "GET",
      `/api/review/applications${queueQueryString(filters, { limit: String(limit), ...(cursor ? { cursor } : {}) })}`,
    ),
  application: (applicationId: string) =>
    request<ReviewApplicationView>("GET", `/api/review/applications/${id(applicationId)}`),
  identity: (applicationId: string) =>
    request<{ docType: string; name: string; idNumber: string }>(
      "GET",
      `/api/review/applications/${id(applicationId)}/identity`,
    ),
  /** One side of the identity-document photo; each load is audited on the server. */
  identityPhotoUrl: (applicationId: string, side: "front" | "back") =>
    `/api/review/applications/${id(applicationId)}/identity/photos/${side}`,
  decide: (
    applicationId: string,
    key: string,
    body: { decision: "locked" | "returned"; comment: string; fieldComments: FieldComment[]; rev: number },
  ) =>
    request<ReviewApplicationView>(
      "POST",
      `/api/review/applications/${id(applicationId)}/sections/${id(key)}/decision`,
      { body },
    ),
  onsite: (applicationId: string, answers: SectionData, rev: number) =>
    request<ReviewApplicationView>("POST", `/api/review/applications/${id(applicationId)}/onsite`, {
      body: { answers, rev },
    }),
  pass: (applicationId: string, rev: number) =>
    request<ReviewApplicationView>("POST", `/api/review/applications/${id(applicationId)}/pass`, {
      body: { rev },
    }),
  audit: (applicationId: string) =>
    request<{ items: AuditEventView[] }>("GET", `/api/review/applications/${id(applicationId)}/audit`),
  exportUrl: (filters: QueueFilters) => `/api/review/export.xlsx${queueQueryString(filters)}`,
  publicList: () => request<{ header: string[]; rows: string[][] }>("GET", "/api/review/public-list"),
  publicListXlsxUrl: () => "/api/review/public-list.xlsx",
};

/** Administrators: reviewers and the global audit log. */
export const reviewersAdminApi = {
  list: () => request<{ items: ReviewerView[] }>("GET", "/api/admin/reviewers"),
  appoint: (phone: string, level: ReviewLevel, division: string) =>
    request<ReviewerView>("POST", "/api/admin/reviewers", { body: { phone, level, division } }),
  revoke: (userId: string) => request<void>("DELETE", `/api/admin/reviewers/${id(userId)}`),
  audit: (cursor?: string) =>
    request<{ items: AuditEventView[]; next: string | null }>(
      "GET",
      `/api/admin/audit${cursor ? `?cursor=${id(cursor)}` : ""}`,
    ),
};
