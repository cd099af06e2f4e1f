/**
 * Helpers the identity commands share: how a number is encrypted and indexed for one attempt, which attempt
 * is a user's current one, and the rules every new attempt must pass before it is stored.
 */
import {
  IdentityAlreadyVerifiedError,
  IdentityPendingError,
  IdentityPhotoMissingError,
  IdNumberTakenError,
} from "../errors.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { IdDocType } from "../ports/identityCheck.js";
import type { Stored } from "../ports/store.js";
import type { Collections, IdentityDoc, IdentityPhotoDoc } from "../store/collections.js";

/** Blind-index purpose of identity document numbers. */
export const IDENTITY_NUMBER_INDEX_PURPOSE = "identity.number";

/** The authenticated context of an attempt's encrypted number: a value copied to another attempt fails to open. */
export function identityNumberContext(identityId: string): string {
  return `identity:${identityId}:idNumber`;
}

/**
 * The keyed hash stored as `idNumberHash`, under the active key (`candidates` gives every key's, for look-ups
 * during a key rotation). The document type is part of it: a passport and a permit may share digits.
 */
export function identityNumberIndex(
  cipher: PersonalDataCipher,
  docType: IdDocType,
  number: string,
): { active: string; candidates: string[] } {
  const value = `${docType}:${number}`;
  return {
    active: cipher.blindIndex(value, IDENTITY_NUMBER_INDEX_PURPOSE),
    candidates: cipher.blindIndexCandidates(value, IDENTITY_NUMBER_INDEX_PURPOSE),
  };
}

/** The user's attempt that is not withdrawn, if any (there is at most one). */
export async function currentIdentityOf(
  collections: Pick<Collections, "identities">,
  userId: string,
): Promise<Stored<IdentityDoc> | undefined> {
  return (await collections.identities.find({ currentUserId: userId }, { limit: 1 })).items[0];
}

/** A new attempt may start only when there is none, or the current one was rejected (ID-4, ID-5). */
export function assertCanStartAttempt(current: IdentityDoc | undefined): void {
  if (current?.state === "verified") throw new IdentityAlreadyVerifiedError();
  if (current?.state === "pending") throw new IdentityPendingError();
}

/** Throws `IdNumberTakenError` when the number is verified on an account other than `userId`. */
export async function assertNumberFree(
  collections: Pick<Collections, "identities">,
  candidates: string[],
  userId: string,
): Promise<void> {
  const verified = await collections.identities.find(
    { verifiedIdNumberHash: { $in: candidates } },
    { limit: 5 },
  );
  if (verified.items.some((doc) => doc.userId !== userId)) throw new IdNumberTakenError();
}

/** The user's own photos by id; throws `IdentityPhotoMissingError` for a missing id or someone else's photo. */
export async function ownPhotos(
  collections: Pick<Collections, "identityPhotos">,
  ownerId: string,
  ids: { front: string; back?: string | undefined },
): Promise<{ front: Stored<IdentityPhotoDoc>; back?: Stored<IdentityPhotoDoc> }> {
  const load = async (id: string) => {
    const photo = await collections.identityPhotos.get(id);
    if (photo?.ownerId !== ownerId) throw new IdentityPhotoMissingError();
    return photo;
  };
  const front = await load(ids.front);
  return ids.back === undefined ? { front } : { front, back: await load(ids.back) };
}

/**
 * Retires a rejected attempt so a new one can become the user's current attempt. Returns the fields to
 * replace it with; the caller writes them in its transaction.
 */
export function supersededFields(rejected: IdentityDoc, now: number): IdentityDoc {
  const { currentUserId: _current, verifiedIdNumberHash: _verified, ...rest } = rejected;
  return { ...rest, state: "withdrawn", withdrawnAt: now, withdrawnReason: "superseded" };
}

/** What the audit log keeps of an attempt: its state and method, never the number or the name. */
export function identityAuditSummary(
  doc: IdentityDoc | null | undefined,
): { [key: string]: string | number } | null {
  if (!doc) return null;
  return { state: doc.state, method: doc.method, docType: doc.docType, attempts: doc.attempts };
}

/** The stored fields of a document, without the store's metadata, ready for `replace`. */
export function identityFields(doc: Stored<IdentityDoc>): IdentityDoc {
  const { _id: _ignoredId, rev: _rev, createdAt: _created, updatedAt: _updated, ...fields } = doc;
  return fields;
}
