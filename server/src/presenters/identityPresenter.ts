/**
 * How 实名认证 records leave the server. The document number is decrypted only to be masked
 * (`4201**********123X`), except in the owner's own view of the identity page (GET /api/identity).
 */
import type { PersonalDataCipher } from "../crypto/personalData.js";
import { maskIdNumber } from "../identity/idNumber.js";
import { identityNumberContext } from "../identity/identityRecords.js";
import type { IdentityCheckDescription } from "../ports/identityCheck.js";
import type { Stored } from "../ports/store.js";
import type { IdentityDoc, IdentityState } from "../store/collections.js";

/** The words the guide uses for each state. */
export const IDENTITY_STATE_LABELS: Readonly<Record<IdentityState, string>> = {
  pending: "待认证",
  verified: "认证成功",
  rejected: "认证未通过",
  withdrawn: "已撤回",
};

/** One attempt as its owner sees it; `idNumber` is present only where the full number may be shown. */
export interface IdentityView {
  id: string;
  state: IdentityState;
  stateLabel: string;
  method: IdentityDoc["method"];
  docType: IdentityDoc["docType"];
  name: string;
  sex: IdentityDoc["sex"];
  birthDate: string | null;
  idNumberMasked: string;
  idNumber?: string;
  photoFront: string | null;
  photoBack: string | null;
  review: { decision: "approved" | "rejected"; reason: string | null; at: string } | null;
  verifiedAt: string | null;
  createdAt: string;
}

/** The automatic-check budget of a user (ID-3). */
export interface AutoCheckView {
  failures: number;
  maxAttempts: number;
  attemptsLeft: number;
}

/** One attempt in the administrator's queue: masked number, whose it is, who decided. */
export interface AdminIdentityView extends Omit<IdentityView, "idNumber"> {
  userId: string;
  attempts: number;
  reviewedBy: string | null;
}

/** Presents an attempt to its owner; `revealNumber` only for the identity page itself. */
export function presentIdentity(
  doc: Stored<IdentityDoc>,
  cipher: PersonalDataCipher,
  options: { revealNumber: boolean },
): IdentityView {
  const number = cipher.decrypt(doc.idNumberEnc, identityNumberContext(doc._id));
  const view: IdentityView = {
    id: doc._id,
    state: doc.state,
    stateLabel: IDENTITY_STATE_LABELS[doc.state],
    method: doc.method,
    docType: doc.docType,
    name: doc.name,
    sex: doc.sex,
    birthDate: doc.birthDate,
    idNumberMasked: maskIdNumber(number),
    photoFront: doc.photoFront ?? null,
    photoBack: doc.photoBack ?? null,
    review: doc.review
      ? {
          decision: doc.review.decision,
          reason: doc.review.reason,
          at: new Date(doc.review.at).toISOString(),
        }
      : null,
    verifiedAt: doc.verifiedAt === undefined ? null : new Date(doc.verifiedAt).toISOString(),
    createdAt: doc.createdAt,
  };
  if (options.revealNumber) view.idNumber = number;
  return view;
}

/** Presents an attempt to an administrator: never the full number. */
export function presentIdentityForAdmin(
  doc: Stored<IdentityDoc>,
  cipher: PersonalDataCipher,
): AdminIdentityView {
  const { idNumber: _never, ...view } = presentIdentity(doc, cipher, { revealNumber: false });
  return { ...view, userId: doc.userId, attempts: doc.attempts, reviewedBy: doc.review?.by ?? null };
}

/** The answer of GET /api/identity: the current attempt (or null), the check budget and the provider in use. */
export function presentOwnIdentityPage(
  doc: Stored<IdentityDoc> | undefined,
  cipher: PersonalDataCipher,
  autoCheck: { failures: number; maxAttempts: number },
  provider: IdentityCheckDescription,
): { identity: IdentityView | null; autoCheck: AutoCheckView; provider: IdentityCheckDescription } {
  return {
    identity: doc ? presentIdentity(doc, cipher, { revealNumber: true }) : null,
    autoCheck: { ...autoCheck, attemptsLeft: Math.max(0, autoCheck.maxAttempts - autoCheck.failures) },
    provider: { adapter: provider.adapter, note: provider.note },
  };
}
