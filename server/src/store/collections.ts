/**
 * Every collection the server stores, its indexes and its document shape, in one place: read this file to
 * know what is kept. `declareCollections` runs at every start (declaring is idempotent). Times the domain
 * reasons about (`issuedAt`, `expiresAt`, …) are epoch milliseconds from the injected clock, unlike the
 * store's own `createdAt` / `updatedAt`, which are wall-clock ISO strings.
 */
import type { Json, SectionData, SectionState } from "@shenbao/rules";
import type { Collection, CollectionSpec, Store, StoreTx } from "../ports/store.js";
import type { IdDocType } from "../ports/identityCheck.js";
import type { RegistryRole } from "../ports/registryProvider.js";
import type { InvitationState } from "../invitations/invitationStates.js";

/** A role a user holds; reviewers get a region code when the review work lands. */
export type UserRole = "candidate" | "reviewer" | "admin";

/**
 * A person who signs in, by phone or by WeChat (ACC-1); at least one of the two is set. The phone is kept
 * only encrypted, with a blind index to find it.
 */
export interface UserDoc {
  /** `PersonalDataCipher.blindIndex(phone, PHONE_INDEX_PURPOSE)`; unique. Absent for WeChat-only users. */
  phoneIndex?: string;
  /** `PersonalDataCipher.encrypt(phone, userPhoneContext(_id))`. */
  phoneEncrypted?: string;
  /**
   * The WeChat openid (per app id, meaningless outside it, so kept in clear to be indexed); unique.
   * Absent for phone users.
   */
  wechatOpenId?: string;
  /** The WeChat unionid, when WeChat gives one (snsapi_userinfo with an open-platform binding). */
  wechatUnionId?: string;
  roles: UserRole[];
}

/** A signed-in browser. Only the sha256 of the cookie's token is stored, so a leaked table signs no one in. */
export interface SessionDoc {
  tokenHash: string;
  userId: string;
  issuedAt: number;
  /** Last request seen, written at most once a minute; the idle timeout counts from here. */
  lastSeenAt: number;
  /** The absolute timeout: the session ends here however active it is. */
  expiresAt: number;
}

/** The current one-time code of one phone (one document per phone, replaced on each new code). */
export interface SignInCodeDoc {
  phoneIndex: string;
  /** Keyed hash of the code; the code itself is only in the message sent. */
  codeHash: string;
  issuedAt: number;
  expiresAt: number;
  /** Wrong attempts so far. */
  attempts: number;
  state: "active" | "used" | "locked";
}

/** A fixed-window counter: `count` hits of `key` in the window starting at `windowStart`. */
export interface RateLimitDoc {
  /** e.g. `signInCode:phone:<blind index>`; never a phone number or address in clear. */
  key: string;
  windowStart: number;
  count: number;
  expiresAt: number;
}

/** One WeChat authorization round trip (ACC-1): single use, bound to the browser that started it. */
export interface WechatStateDoc {
  /** sha256 of the `state` sent to WeChat. */
  stateHash: string;
  /** sha256 of the secret in the starting browser's HttpOnly cookie. */
  browserHash: string;
  /** Same-origin path to return to after sign-in, checked when the round trip started. */
  returnTo: string;
  expiresAt: number;
}

/**
 * A 扫码登录 ticket (ACC-2): created by a PC browser, confirmed by a signed-in phone, redeemed once by the PC.
 * Both secrets are stored as sha256 only: the one in the QR link and the one in the PC's cookie.
 */
export interface LoginTicketDoc {
  scanSecretHash: string;
  browserHash: string;
  state: "pending" | "confirmed" | "redeemed";
  /** The phone's user, set on confirmation; the PC is signed in as this user. */
  userId?: string;
  confirmedAt?: number;
  expiresAt: number;
}

/**
 * The first-administrator bootstrap (issue 4 item 6), one document with `_id` `ADMIN_BOOTSTRAP_ID`: the
 * current one-time token while no administrator exists, then when and by whom it was used.
 */
export interface AdminBootstrapDoc {
  /** sha256 of the token in the startup log's link; absent once completed. */
  tokenHash?: string;
  issuedAt?: number;
  expiresAt?: number;
  completedAt?: number;
  /** User id that became administrator, or `existing` when one was found already. */
  completedBy?: string;
}

/** A message a sender has accepted, by idempotency key, so no process sends it twice. No recipient, no text. */
export interface SentMessageDoc {
  idempotencyKey: string;
  channel: string;
  template: string;
  sentAt: number;
}

/** Lifecycle of a form edition (FORM-2): drafts are edited, a published version never changes again. */
export type EditionStatus = "draft" | "published" | "archived";

/** A form edition as stored (FORM-1): the loaded edition JSON, immutable once `status` is "published". */
export interface EditionDoc {
  key: string;
  version: string;
  status: EditionStatus;
  /**
   * The whole loaded `Edition` (manifest, sections, forms, catalogs, examples) as JSON text: schemas carry
   * `$schema` keys, which MongoDB field names must not start with.
   */
  editionJson: string;
  /** Clock time of publishing; null while a draft. */
  publishedAt: number | null;
}

/** A reviewer's decision on one section (REV-2): locked sections are read-only, returned ones carry a comment. */
export interface SectionReview {
  decision: "locked" | "returned";
  comment: string;
  /** User id of the reviewer. */
  by: string;
  at: number;
}

/** One section of an application: the stored (pruned) data and the state the rules gave it (APP-3, APP-4). */
export interface SectionRecord {
  data: SectionData;
  state: SectionState;
  review?: SectionReview;
  updatedAt: number;
}

/** A candidate's application, pinned to the edition version it started on (APP-1); one per user per edition key. */
export interface ApplicationDoc {
  userId: string;
  editionKey: string;
  editionVersion: string;
  /** Chosen first (APP-2); a value of the edition's `candidateTypes`. */
  candidateType: "apprentice" | "practice" | null;
  status: "draft" | "submitted";
  sections: Record<string, SectionRecord>;
  /** County code (divisions catalog) of the on-site confirmation, computed on submit (SEC-4, SEC-5, REV-3). */
  onsiteCounty?: string;
  submittedAt?: number;
  withdrawnAt?: number;
}

/** An append-only audit event (REV-6): who did what to which document, and the state before and after. */
export interface AuditDoc {
  /** User id, or `system:<what>` for start-up work. */
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  /** A summary without personal data (states, versions), not the whole document. */
  before: Json;
  after: Json;
  at: number;
}

/**
 * An uploaded file's metadata (issue 4): section data holds this document's `_id` as the attachment id;
 * the bytes live in the files port under `fileKey`. `mime` is what the magic bytes said, not the client.
 */
export interface AttachmentDoc {
  /** User id of the uploader, who owns the application. */
  ownerId: string;
  applicationId: string;
  sectionKey: string;
  /** Dotted path of the field inside the section (`photo`, `cases.2.x`). */
  fieldPath: string;
  /** The original file name, sanitised for display and `Content-Disposition`. */
  name: string;
  mime: string;
  size: number;
  sha256: string;
  fileKey: string;
}

/** 实名认证 state (ID-2…ID-5): "pending" is 待认证, "verified" is 认证成功. */
export type IdentityState = "pending" | "verified" | "rejected" | "withdrawn";

/** An administrator's decision on a manual or other-document request (ID-4, REV-4). */
export interface IdentityReview {
  /** User id of the administrator. */
  by: string;
  at: number;
  decision: "approved" | "rejected";
  /** Required for a rejection, shown to the user; null for an approval. */
  reason: string | null;
}

/**
 * One verification attempt of a user (ID-2…ID-5); the applications work reads it. At most one attempt per
 * user is not withdrawn (`currentUserId` is unique). The number is kept only encrypted, with a blind index.
 */
export interface IdentityDoc {
  userId: string;
  state: IdentityState;
  method: "auto" | "manual";
  docType: IdDocType;
  name: string;
  sex: "male" | "female" | null;
  /** YYYY-MM-DD; from the number for resident IDs, as entered (or null) for other documents. */
  birthDate: string | null;
  /** `cipher.encrypt(number, identityNumberContext(_id))`. */
  idNumberEnc: string;
  /** `identityNumberIndex(cipher, docType, number)`. */
  idNumberHash: string;
  /** `identityPhotos` ids of the document's two sides. */
  photoFront?: string;
  photoBack?: string;
  /** Failed automatic checks counted for the user when this attempt was made (this one included if it was automatic). */
  attempts: number;
  review?: IdentityReview;
  verifiedAt?: number;
  withdrawnAt?: number;
  /** "user" for 撤回认证; "superseded" when a new request replaced a rejected attempt. */
  withdrawnReason?: "user" | "superseded";
  /** Equals `userId` until withdrawn; its unique index keeps one current attempt per user. Absent once withdrawn. */
  currentUserId?: string;
  /** Equals `idNumberHash` while verified; its unique index lets one number verify one account only. */
  verifiedIdNumberHash?: string;
}

/** An uploaded photo of an identity document; only its owner and administrators may read it. */
export interface IdentityPhotoDoc {
  ownerId: string;
  fileKey: string;
  /** Detected from the magic bytes. */
  mime: string;
  size: number;
  sha256: string;
}

/** Failed automatic checks of one user (ID-3), kept across attempts so withdrawing does not reset them. */
export interface IdentityAttemptsDoc {
  userId: string;
  failures: number;
  lastFailedAt: number;
  /** Why the last one failed: an ID-number reason ("checksum", …) or "mismatch". */
  lastReason: string;
}

/**
 * A physician of the registry (TCH-1): imported from the provincial basic-resources system, seeded as demo
 * data on an embedded first start, or remembered from a live provider's answer. One document per ID number.
 */
export interface RegistryDoc {
  name: string;
  /** `cipher.encrypt(number, registryIdNumberContext(_id))`. */
  idNumberEnc: string;
  /** `registryIdNumberIndex(cipher, number).active`; unique. */
  idNumberHash: string;
  sex: "male" | "female";
  institution: string;
  /** County code (GB/T 2260) of the institution, e.g. for a reviewer's region. */
  institutionDivision: string;
  practiceCategory: string;
  licenseNumber: string;
  title: string;
  yearsOfPractice: number;
  /** `cipher.encrypt(phone, registryPhoneContext(_id))`; the invitation is sent to it (TCH-3). */
  phoneEnc: string;
  phoneHash?: string;
  /** Label groups the institution assigned; a lookup matches only under one of them. */
  labels: RegistryRole[];
  source: "import" | "demo" | "provider";
  /** Clock time of the import (or seeding, or provider answer) that wrote this version. */
  importedAt: number;
}

/** The one-time code of the built-in identity check of an invitation (TCH-4), stored only as a keyed hash. */
export interface InvitationCode {
  codeHash: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * What a teacher signed (TCH-4), written once and never changed: the evaluation form's answers, the
 * signature image in the files port, the canonical summary of the candidate's content that was shown, and
 * `contentHash` = sha256(canonicalJson({ summary, evaluation, signatureSha256 })).
 */
export interface InvitationEvaluation {
  answers: SectionData;
  signatureFileKey: string;
  signatureSha256: string;
  /** `canonicalJson(summary)` exactly as hashed, so the signed content can be shown again. */
  summaryJson: string;
  /** sha256 of `summaryJson`; a later save whose summary hashes differently invalidates the signature. */
  summaryHash: string;
  contentHash: string;
  signedAt: number;
}

/**
 * A teacher invitation (TCH-3…5): one registry person asked to evaluate one application in one role. The
 * link's token is stored as sha256 for look-up and encrypted (context bound to the id) so that the owner
 * can fetch the QR code again; the document, not the queue, is the source of truth for jobs.
 */
export interface InvitationDoc {
  applicationId: string;
  /** The candidate (owner of the application). */
  candidateId: string;
  role: RegistryRole;
  /** `_id` of the `registry` document; the phone and number are read from there. */
  registryId: string;
  /** The registry person's name and masked ID number, shown to the candidate (TCH-5). */
  teacherName: string;
  teacherMaskedIdNumber: string;
  /** Attachment id of the work proof for a recommender (TCH-2). */
  workProof?: string;
  tokenHash: string;
  /** `cipher.encrypt(token, invitationTokenContext(_id))`. */
  tokenEnc: string;
  state: InvitationState;
  issuedAt: number;
  expiresAt: number;
  sentAt?: number;
  viewedAt?: number;
  verifiedAt?: number;
  expiredAt?: number;
  revokedAt?: number;
  invalidatedAt?: number;
  /** Reminder days (3, 7) already sent, so a re-run remind job does nothing. */
  remindersSent: number[];
  /** The invalidated invitation this one replaces, and the one that replaced this. */
  replaces?: string;
  replacedBy?: string;
  code?: InvitationCode;
  /** Failed identity checks so far (`INVITATION_MAX_VERIFY_FAILURES` locks the invitation). */
  verifyFailures: number;
  /** sha256 of the short teacher session's cookie, set by a successful identity check. */
  teacherSessionHash?: string;
  teacherSessionExpiresAt?: number;
  evaluation?: InvitationEvaluation;
}

/** Collection names, so a typo is a compile error rather than an undeclared collection. */
export const COLLECTION = {
  users: "users",
  sessions: "sessions",
  signInCodes: "signInCodes",
  rateLimits: "rateLimits",
  sentMessages: "sentMessages",
  editions: "editions",
  applications: "applications",
  audit: "audit",
  attachments: "attachments",
  identities: "identities",
  identityPhotos: "identityPhotos",
  identityAttempts: "identityAttempts",
  registry: "registry",
  wechatStates: "wechatStates",
  loginTickets: "loginTickets",
  adminBootstrap: "adminBootstrap",
  invitations: "invitations",
} as const;

/** What each collection indexes. `expiresAt` indexes are there for the purge job that will sweep old rows. */
export const COLLECTION_SPECS: CollectionSpec[] = [
  {
    name: COLLECTION.users,
    indexes: [
      { fields: ["phoneIndex"], unique: true },
      { fields: ["wechatOpenId"], unique: true },
    ],
  },
  {
    name: COLLECTION.sessions,
    indexes: [{ fields: ["tokenHash"], unique: true }, { fields: ["userId"] }, { fields: ["expiresAt"] }],
  },
  {
    name: COLLECTION.signInCodes,
    indexes: [{ fields: ["phoneIndex"], unique: true }, { fields: ["expiresAt"] }],
  },
  { name: COLLECTION.rateLimits, indexes: [{ fields: ["key"], unique: true }, { fields: ["expiresAt"] }] },
  { name: COLLECTION.sentMessages, indexes: [{ fields: ["idempotencyKey"], unique: true }] },
  {
    name: COLLECTION.editions,
    indexes: [{ fields: ["key", "version"], unique: true }, { fields: ["status", "publishedAt"] }],
  },
  // One application per user per edition key (APP-1): a patch version does not start a second one.
  {
    name: COLLECTION.applications,
    indexes: [{ fields: ["userId", "editionKey"], unique: true }, { fields: ["userId"] }],
  },
  { name: COLLECTION.audit, indexes: [{ fields: ["entity", "entityId"] }, { fields: ["at"] }] },
  {
    name: COLLECTION.attachments,
    indexes: [{ fields: ["applicationId"] }, { fields: ["ownerId"] }, { fields: ["fileKey"], unique: true }],
  },
  {
    name: COLLECTION.identities,
    indexes: [
      { fields: ["userId"] },
      { fields: ["state"] },
      { fields: ["idNumberHash"] },
      { fields: ["currentUserId"], unique: true },
      { fields: ["verifiedIdNumberHash"], unique: true },
    ],
  },
  {
    name: COLLECTION.identityPhotos,
    indexes: [{ fields: ["ownerId"] }, { fields: ["fileKey"], unique: true }],
  },
  { name: COLLECTION.identityAttempts, indexes: [{ fields: ["userId"], unique: true }] },
  {
    name: COLLECTION.registry,
    indexes: [{ fields: ["idNumberHash"], unique: true }, { fields: ["source"] }],
  },
  {
    name: COLLECTION.wechatStates,
    indexes: [{ fields: ["stateHash"], unique: true }, { fields: ["expiresAt"] }],
  },
  // Tickets are read by id only (the PC polls its own); the index serves the purge.
  { name: COLLECTION.loginTickets, indexes: [{ fields: ["expiresAt"] }] },
  { name: COLLECTION.adminBootstrap, indexes: [] },
  // The reconciler walks live invitations by state; the teacher's link finds one by its token hash.
  {
    name: COLLECTION.invitations,
    indexes: [
      { fields: ["tokenHash"], unique: true },
      { fields: ["applicationId"] },
      { fields: ["state"] },
      { fields: ["expiresAt"] },
    ],
  },
];

/** Creates the collections and indexes above; safe on every start and from several processes. */
export async function declareCollections(store: Store): Promise<void> {
  await store.declare(COLLECTION_SPECS);
}

/** Typed handles on the collections, on the store or inside a transaction. */
export interface Collections {
  users: Collection<UserDoc>;
  sessions: Collection<SessionDoc>;
  signInCodes: Collection<SignInCodeDoc>;
  rateLimits: Collection<RateLimitDoc>;
  sentMessages: Collection<SentMessageDoc>;
  editions: Collection<EditionDoc>;
  applications: Collection<ApplicationDoc>;
  audit: Collection<AuditDoc>;
  attachments: Collection<AttachmentDoc>;
  identities: Collection<IdentityDoc>;
  identityPhotos: Collection<IdentityPhotoDoc>;
  identityAttempts: Collection<IdentityAttemptsDoc>;
  registry: Collection<RegistryDoc>;
  wechatStates: Collection<WechatStateDoc>;
  loginTickets: Collection<LoginTicketDoc>;
  adminBootstrap: Collection<AdminBootstrapDoc>;
  invitations: Collection<InvitationDoc>;
}

/** The typed collections of `store` (or of a transaction's `tx`). */
export function collectionsOf(store: Pick<Store | StoreTx, "collection">): Collections {
  return {
    users: store.collection<UserDoc>(COLLECTION.users),
    sessions: store.collection<SessionDoc>(COLLECTION.sessions),
    signInCodes: store.collection<SignInCodeDoc>(COLLECTION.signInCodes),
    rateLimits: store.collection<RateLimitDoc>(COLLECTION.rateLimits),
    sentMessages: store.collection<SentMessageDoc>(COLLECTION.sentMessages),
    editions: store.collection<EditionDoc>(COLLECTION.editions),
    applications: store.collection<ApplicationDoc>(COLLECTION.applications),
    audit: store.collection<AuditDoc>(COLLECTION.audit),
    attachments: store.collection<AttachmentDoc>(COLLECTION.attachments),
    identities: store.collection<IdentityDoc>(COLLECTION.identities),
    identityPhotos: store.collection<IdentityPhotoDoc>(COLLECTION.identityPhotos),
    identityAttempts: store.collection<IdentityAttemptsDoc>(COLLECTION.identityAttempts),
    registry: store.collection<RegistryDoc>(COLLECTION.registry),
    wechatStates: store.collection<WechatStateDoc>(COLLECTION.wechatStates),
    loginTickets: store.collection<LoginTicketDoc>(COLLECTION.loginTickets),
    adminBootstrap: store.collection<AdminBootstrapDoc>(COLLECTION.adminBootstrap),
    invitations: store.collection<InvitationDoc>(COLLECTION.invitations),
  };
}
