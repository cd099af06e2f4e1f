/** Checks every application command makes before writing, and the audit summary they record (REV-6). */
import type { Json } from "@shenbao/rules";
import { ApplicationSubmittedError, RevisionConflictError } from "../errors.js";
import type { Stored } from "../ports/store.js";
import type { ApplicationDoc } from "../store/collections.js";

/** A submitted application is read-only until withdrawn (APP-6). */
export function assertDraft(application: Pick<ApplicationDoc, "status">): void {
  if (application.status !== "draft") throw new ApplicationSubmittedError();
}

/** The client's write must be based on the stored revision, or it would overwrite a newer change. */
export function assertRevision(application: Stored<ApplicationDoc>, rev: number | undefined): void {
  if (rev !== undefined && rev !== application.rev) {
    throw new RevisionConflictError(undefined, { expectedRev: rev, actualRev: application.rev });
  }
}

/** The application as the audit log records it: states and versions, no answers (no personal data). */
export function auditSummary(application: Stored<ApplicationDoc> | null): Json {
  if (application === null) return null;
  const sections: { [key: string]: Json } = {};
  for (const [key, record] of Object.entries(application.sections)) {
    sections[key] = { state: record.state, review: record.review?.decision ?? null };
  }
  return {
    rev: application.rev,
    editionVersion: application.editionVersion,
    candidateType: application.candidateType,
    status: application.status,
    onsiteCounty: application.onsiteCounty ?? null,
    reviewStage: application.review?.stage ?? null,
    sections,
  };
}
