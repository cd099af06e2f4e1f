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

/** A role a user holds; a reviewer also has a `reviewerScope`. */
export type UserRole = "candidate" | "reviewer" | "admin";

/** The three review levels (REV-1): 县区, 市州, 省. */
export type ReviewLevel = "county" | "city" | "province";

/**
 * Where a reviewer works (REV-1): a level and a GB/T 2260 division code of that level (a county, a city or
 * a province, as in the edition's divisions catalog). They see applications routed to it or below.
 */
export interface ReviewerScope {
  level: ReviewLevel;
  division: string;
  /** User id of the administrator who appointed them, and when. */
  appointedBy: string;
  appointedAt: number;
}

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
  /** Set while the user holds the reviewer role. */
  reviewerScope?: ReviewerScope;
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
  /**
   * "sending" while the message is being delivered, "delivered" once it is (issue 11); a claim of older
   * versions, without the field, counts as delivered.
   */
  state?: "sending" | "delivered";
}

/** Lifecycle of a form edition (FORM-2): drafts are edited, a published version never changes again. */
export type EditionStatus = "draft" | "published" | "archived";

/**
 * A form edition as stored (FORM-1): its source files and the loaded edition JSON, immutable once `status`
 * is "published". Drafts (the studio's) are edited file by file and published by the same linter.
 */
export interface EditionDoc {
  key: string;
  version: string;
  status: EditionStatus;
  /**
   * The whole loaded `Edition` (manifest, sections, forms, catalogs, examples) as JSON text: schemas carry
   * `$schema` keys, which MongoDB field names must not start with. Always set once published; a draft has
   * it only while its files load.
   */
  editionJson?: string;
  /** The edition's files (`EditionFiles`: path → text) as JSON text, so a version can be copied or exported. */
  filesJson?: string;
  /** Clock time of publishing; null while a draft. */
  publishedAt: number | null;
  /** Who published it (user id or `system:<what>`). */
  publishedBy?: string;
  /** Who made the draft, and which version it was copied from (`key@version`). */
  createdBy?: string;
  copiedFrom?: string;
}

/**
 * Which published edition new applications start on (APP-1) and when (one document, `_id`
 * `OPEN_EDITION_ID`). Without it, the most recently published edition is open at any time.
 */
export interface EditionSettingsDoc {
  key: string;
  version: string;
  /** Clock times; null = no limit. */
  opensAt: number | null;
  closesAt: number | null;
  setBy: string;
}

/** The `_id` of the one `editionSettings` document. */
export const OPEN_EDITION_ID = "open";

/** A reviewer's comment on one field of a section (REV-2), shown beside that field to the candidate. */
export interface FieldComment {
  /** Dotted path inside the section (`method`, `cases.2.diagnosis`). */
  path: string;
  comment: string;
}

/** A reviewer's decision on one section (REV-2): locked sections are read-only, returned ones carry a comment. */
export interface SectionReview {
  decision: "locked" | "returned";
  comment: string;
  fieldComments?: FieldComment[];
  /** User id of the reviewer. */
  by: string;
  at: number;
  /** The section's data when it was returned, so the reviewer sees what the candidate changed since. */
  returnedData?: SectionData;
}

/**
 * What moving a draft to a newer version of its edition did to one field (FORM-4): its definition changed or
 * it is new (the candidate should check it), it no longer exists, or its old value is no longer accepted.
 * Removed and refused values are kept in `value`, never lost.
 */
export interface MigrationNote {
  path: string;
  change: "changed" | "added" | "removed" | "invalid";
  /** The field's label (the old version's, so the note reads well after the field is gone). */
  label: string;
  /** The value set aside (removed / invalid); absent for a changed field whose value was kept. */
  value?: Json;
}

/** The last migration of a section: from which version, when, and per field what happened. */
export interface SectionMigration {
  fromVersion: string;
  at: number;
  notes: MigrationNote[];
}

/** One section of an application: the stored (pruned) data and the state the rules gave it (APP-3, APP-4). */
export interface SectionRecord {
  data: SectionData;
  state: SectionState;
  review?: SectionReview;
  /** Set when the draft moved to a newer edition version and this section needs the candidate's look. */
  migration?: SectionMigration;
  updatedAt: number;
}

/** A candidate's application, pinned to the edition version it started on (APP-1); one per user per edition key. */
export interface ApplicationDoc {
  userId: string;
  editionKey: string;
  editionVersion: string;
  /** Chosen first (APP-2); a value of the edition's `candidateTypes`. */
  candidateType: string | null;
  status: "draft" | "submitted";
  sections: Record<string, SectionRecord>;
  /** County code (divisions catalog) of the on-site confirmation, computed on submit (SEC-4, SEC-5, REV-3). */
  onsiteCounty?: string;
  submittedAt?: number;
  withdrawnAt?: number;
  /** The review (REV-1…REV-3), from the first submit on. */
  review?: ApplicationReview;
  /**
   * Every move to a newer edition version (FORM-4), oldest first, with the values set aside per section:
   * kept for good, whatever later saves do to the sections.
   */
  migrations?: ApplicationMigration[];
}

/**
 * Where an application stands in review: `county` (sections locked or returned, on-site confirmation), `city`, `province`,
 * then `approved`; `rejected` when the on-site confirmation failed. `returned` while the candidate fixes
 * returned sections, `withdrawn` after 「撤回」 until the next submit.
 */
export type ReviewStage = "returned" | "withdrawn" | "county" | "city" | "province" | "approved" | "rejected";

/** The divisions an application is routed to (REV-1): its on-site county and that county's city and province. */
export interface ReviewRoute {
  province: string;
  city: string;
  county: string;
}

/** The on-site confirmation (REV-3) as recorded with the edition's onsite form. */
export interface OnsiteRecord {
  answers: SectionData;
  by: string;
  at: number;
}

/** The review of one application. */
export interface ApplicationReview {
  stage: ReviewStage;
  route: ReviewRoute;
  onsite?: OnsiteRecord;
  /** Each level's pass, oldest first (county → city → province). */
  passes: { level: ReviewLevel; by: string; at: number }[];
  returnedAt?: number;
}

/**
 * One line of the reviewers' queue (REV-1), `_id` = the application's: a projection written in the same
 * transaction as every review or submit command, holding only what the list filters, sorts and shows.
 * Search keys are blind indexes (name, ID number, its last 4 characters, phone tail), never clear values.
 */
export interface ReviewEntryDoc {
  applicationId: string;
  userId: string;
  editionKey: string;
  editionVersion: string;
  province: string;
  city: string;
  county: string;
  stage: ReviewStage;
  candidateType: string;
  submittedAt: number;
  /** Every teacher of the teacher list has signed (false for an edition without teachers). */
  signaturesComplete: boolean;
  /** As the verified identity has them (the identity keeps names in clear too). */
  name: string;
  sex: "male" | "female" | null;
  idNumberMasked: string;
  searchName: string;
  searchIdNumber: string;
  searchIdTail: string;
  searchPhoneTail?: string;
}

/** One move of an application to a newer version of its edition. */
export interface ApplicationMigration {
  fromVersion: string;
  toVersion: string;
  at: number;
  sections: { key: string; notes: MigrationNote[] }[];
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
  /**
   * Why the signature was voided (issue 11): the content, the verified person, a covered attachment, or the
   * stored record or image failed its hash check and the candidate asked the teacher to sign again.
   */
  invalidatedReason?: "content" | "identity" | "attachment" | "tampered";
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
  sentMessages: "sentMessages",
  editions: "editions",
  editionSettings: "editionSettings",
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
  reviewQueue: "reviewQueue",
} as const;

/** What each collection indexes. `expiresAt` indexes are there for the purge job that will sweep old rows. */
export const COLLECTION_SPECS: CollectionSpec[] = [
  {
    name: COLLECTION.users,
    indexes: [
      { fields: ["phoneIndex"], unique: true },
      { fields: ["wechatOpenId"], unique: true },
      // The administrators' list of reviewers (REV-1).
      { fields: ["reviewerScope.division"] },
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
  { name: COLLECTION.sentMessages, indexes: [{ fields: ["idempotencyKey"], unique: true }] },
  {
    name: COLLECTION.editions,
    indexes: [
      { fields: ["key", "version"], unique: true },
      { fields: ["status", "publishedAt"] },
      { fields: ["key"] },
    ],
  },
  { name: COLLECTION.editionSettings, indexes: [] },
  // One application per user per edition key (APP-1): a patch version does not start a second one.
  {
    name: COLLECTION.applications,
    indexes: [
      { fields: ["userId", "editionKey"], unique: true },
      { fields: ["userId"] },
      // Draft migration (FORM-4) walks one edition version's applications.
      { fields: ["editionKey", "editionVersion"] },
    ],
  },
  // Append-only (REV-6): neither adapter lets an event be replaced or deleted.
  {
    name: COLLECTION.audit,
    indexes: [{ fields: ["entity", "entityId", "at"] }, { fields: ["entityId"] }, { fields: ["at"] }],
    appendOnly: true,
  },
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
      // Cross-application checks (REV-1): how many candidates chose one registry person, in which roles.
      { fields: ["registryId"] },
      { fields: ["state"] },
      { fields: ["expiresAt"] },
    ],
  },
  // The reviewers' queue (REV-1): every list query names one scope field (county, city or province), often a
  // stage, and sorts by submittedAt; each scope index ends in the filterable fields so that SQLite counts from
  // the index alone. Searches go by blind index (figures: `npx tsx server/bench/reviewQueueBench.ts`).
  {
    name: COLLECTION.reviewQueue,
    indexes: [
      ...(["province", "city", "county"] as const).flatMap((scope) => [
        { fields: [scope, "submittedAt"] },
        { fields: [scope, "stage", "submittedAt", "candidateType", "signaturesComplete"] },
        // Scope + search key + date: a search reads its few matches already in date order, so the planner
        // never prefers walking the scope's whole date index (it did with scope + key: ~500 ms at 100k).
        ...(["searchName", "searchIdNumber", "searchIdTail", "searchPhoneTail"] as const).map((key) => ({
          fields: [scope, key, "submittedAt"],
        })),
      ]),
      { fields: ["userId"] },
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
  sentMessages: Collection<SentMessageDoc>;
  editions: Collection<EditionDoc>;
  editionSettings: Collection<EditionSettingsDoc>;
  applications: Collection<ApplicationDoc>;
  /** Append-only (REV-6): no replace or delete, in the types as in the adapters. */
  audit: Pick<Collection<AuditDoc>, "get" | "insert" | "find" | "count">;
  attachments: Collection<AttachmentDoc>;
  identities: Collection<IdentityDoc>;
  identityPhotos: Collection<IdentityPhotoDoc>;
  identityAttempts: Collection<IdentityAttemptsDoc>;
  registry: Collection<RegistryDoc>;
  wechatStates: Collection<WechatStateDoc>;
  loginTickets: Collection<LoginTicketDoc>;
  adminBootstrap: Collection<AdminBootstrapDoc>;
  invitations: Collection<InvitationDoc>;
  reviewQueue: Collection<ReviewEntryDoc>;
}

/** The typed collections of `store` (or of a transaction's `tx`). */
export function collectionsOf(store: Pick<Store | StoreTx, "collection">): Collections {
  return {
    users: store.collection<UserDoc>(COLLECTION.users),
    sessions: store.collection<SessionDoc>(COLLECTION.sessions),
    signInCodes: store.collection<SignInCodeDoc>(COLLECTION.signInCodes),
    sentMessages: store.collection<SentMessageDoc>(COLLECTION.sentMessages),
    editions: store.collection<EditionDoc>(COLLECTION.editions),
    editionSettings: store.collection<EditionSettingsDoc>(COLLECTION.editionSettings),
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
    reviewQueue: store.collection<ReviewEntryDoc>(COLLECTION.reviewQueue),
  };
}
