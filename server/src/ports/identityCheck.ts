/**
 * The identity-check provider port (ID-2): asks whether a name, a document number and optionally the photo
 * of the document belong together. Adapters: the built-in `local` check (GB 11643 rules only) and an HTTP
 * adapter to a real verification service, chosen by `SHENBAO_IDENTITY_PROVIDER`.
 */

/** The document types of the edition's `idDocumentTypes` catalog, in catalog order; only `resident_id` is checked automatically. */
export const ID_DOC_TYPES = [
  "resident_id",
  "hk_mo_permit",
  "tw_permit",
  "foreign_permanent_residence",
  "passport",
] as const;

/** One document type. */
export type IdDocType = (typeof ID_DOC_TYPES)[number];

/** One question to the provider. `idNumber` is the normalised number; never logged. */
export interface IdentityCheckRequest {
  name: string;
  idNumber: string;
  docType: IdDocType;
  /** The front of the document as uploaded, when the provider compares photos. */
  photo?: { mime: string; data: Buffer };
}

/**
 * The answer: "match" and "mismatch" are the provider's verdict on the person; "unavailable" means no
 * verdict (service down, timeout, misconfiguration) and must not count against the user.
 */
export interface IdentityCheckResult {
  outcome: "match" | "mismatch" | "unavailable";
  /** A short reason, safe to show or log (never the number). */
  detail?: string;
}

/** What /healthz and the admin view say about the provider in use. */
export interface IdentityCheckDescription {
  adapter: string;
  /** Plain words on what the provider really checks, in Chinese for the admin view. */
  note: string;
}

/** The identity-check port. */
export interface IdentityCheck {
  /** Provider id as chosen by `SHENBAO_IDENTITY_PROVIDER`: "local" | "http". */
  readonly kind: string;
  /** Whether `check` uses the photo; callers read the file from storage only then. */
  readonly usesPhoto: boolean;
  check(request: IdentityCheckRequest): Promise<IdentityCheckResult>;
  describe(): IdentityCheckDescription;
  health(): Promise<{ ok: boolean; detail?: string }>;
}
