/**
 * 「身份证（自动核验）」 (ID-2, ID-3): a resident ID number is checked locally (GB 11643), then by the
 * identity-check provider; a match is 「认证成功」 at once. Every failed check is counted per user in the
 * store; after `maxAttempts` failures only manual review remains.
 */
import {
  DuplicateKeyError,
  IdentityAttemptsExhaustedError,
  IdentityCheckUnavailableError,
  IdentityMismatchError,
  IdNumberInvalidError,
  IdNumberTakenError,
  RevisionConflictError,
} from "../errors.js";
import {
  autoCheckFailures,
  recordAutoCheckFailure,
  resetAutoCheckFailures,
} from "../identity/autoCheckAttempts.js";
import { validateIdNumber } from "../identity/idNumber.js";
import {
  assertCanStartAttempt,
  assertNumberFree,
  currentIdentityOf,
  identityAuditSummary,
  identityFields,
  identityNumberContext,
  identityNumberIndex,
  ownPhotos,
  supersededFields,
} from "../identity/identityRecords.js";
import type { IdentityCommandDeps } from "../identity/identityServices.js";
import type { Files } from "../ports/files.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type IdentityDoc, type IdentityPhotoDoc } from "../store/collections.js";
import { newId } from "../store/newId.js";
import { appendAudit } from "./audit.js";
import { signatureInvalidatorForUser } from "./signatureInvalidator.js";

/** What the user submits for an automatic check. */
export interface IdentityVerifyInput {
  userId: string;
  name: string;
  idNumber: string;
  /** `identityPhotos` ids from POST /api/identity/photos. */
  photoFront: string;
  photoBack?: string | undefined;
}

/**
 * Runs one automatic check and returns the verified attempt. Throws `IdNumberInvalidError` /
 * `IdentityMismatchError` (counted), `IdentityAttemptsExhaustedError` once the limit is reached,
 * `IdentityCheckUnavailableError` (not counted) or `IdNumberTakenError`.
 */
export async function identityVerifier(
  deps: IdentityCommandDeps,
  input: IdentityVerifyInput,
): Promise<Stored<IdentityDoc>> {
  const { store, cipher, clock, identity } = deps;
  const collections = collectionsOf(store);
  assertCanStartAttempt(await currentIdentityOf(collections, input.userId));
  const failuresBefore = await autoCheckFailures(collections, input.userId);
  if (failuresBefore >= identity.maxAttempts) {
    throw new IdentityAttemptsExhaustedError({ maxAttempts: identity.maxAttempts });
  }
  const photos = await ownPhotos(collections, input.userId, {
    front: input.photoFront,
    back: input.photoBack,
  });

  const fail = async (reason: string, error: (attemptsLeft: number) => Error): Promise<never> => {
    const failures = await recordAutoCheckFailure(store, { userId: input.userId, reason, now: clock.now() });
    const attemptsLeft = Math.max(0, identity.maxAttempts - failures);
    if (attemptsLeft === 0)
      throw new IdentityAttemptsExhaustedError({ maxAttempts: identity.maxAttempts, reason });
    throw error(attemptsLeft);
  };

  const checked = validateIdNumber(input.idNumber, identity.regionLookup, { now: new Date(clock.now()) });
  if (!checked.ok) {
    const { reason, message } = checked;
    return fail(reason, (attemptsLeft) => new IdNumberInvalidError(message, { reason, attemptsLeft }));
  }
  const number = checked.normalized;
  const index = identityNumberIndex(cipher, "resident_id", number);
  // Before asking the provider: a number verified elsewhere would be refused anyway, and checks may cost money.
  await assertNumberFree(collections, index.candidates, input.userId);

  const result = await identity.check.check({
    name: input.name,
    idNumber: number,
    docType: "resident_id",
    ...(identity.check.usesPhoto && { photo: await readPhoto(deps.files, photos.front) }),
  });
  if (result.outcome === "unavailable") throw new IdentityCheckUnavailableError();
  if (result.outcome === "mismatch")
    return fail("mismatch", (attemptsLeft) => new IdentityMismatchError(attemptsLeft));

  const now = clock.now();
  try {
    return await store.transaction(async (tx) => {
      const txCollections = collectionsOf(tx);
      // Re-read inside the transaction: another tab may have started or finished an attempt meanwhile.
      const current = await currentIdentityOf(txCollections, input.userId);
      assertCanStartAttempt(current);
      await assertNumberFree(txCollections, index.candidates, input.userId);
      if (current)
        await txCollections.identities.replace(
          current._id,
          current.rev,
          supersededFields(identityFields(current), now),
        );
      const id = newId(now);
      const doc: IdentityDoc = {
        userId: input.userId,
        state: "verified",
        method: "auto",
        docType: "resident_id",
        name: input.name,
        sex: checked.sex,
        birthDate: checked.birthDate,
        idNumberEnc: cipher.encrypt(number, identityNumberContext(id)),
        idNumberHash: index.active,
        photoFront: photos.front._id,
        ...(photos.back && { photoBack: photos.back._id }),
        attempts: failuresBefore + 1,
        verifiedAt: now,
        currentUserId: input.userId,
        verifiedIdNumberHash: index.active,
      };
      const stored = await txCollections.identities.insert({ ...doc, _id: id });
      await resetAutoCheckFailures(tx, input.userId);
      // Issue 11: signatures over another person's name and number are void now.
      await signatureInvalidatorForUser(tx, deps.invitations, {
        store,
        userId: input.userId,
        actor: input.userId,
        now,
      });
      await appendAudit(tx, {
        actor: input.userId,
        action: "identity.verify",
        entity: "identities",
        entityId: id,
        before: identityAuditSummary(current),
        after: identityAuditSummary(stored),
        at: now,
      });
      return stored;
    });
  } catch (error) {
    throw uniqueViolationToDomainError(error);
  }
}

/** Maps a unique-index race on the identity indexes to what the user should be told. */
export function uniqueViolationToDomainError(error: unknown): unknown {
  if (!(error instanceof DuplicateKeyError)) return error;
  const fields = error.details?.fields;
  if (Array.isArray(fields) && fields.includes("verifiedIdNumberHash")) return new IdNumberTakenError();
  return new RevisionConflictError();
}

async function readPhoto(
  files: Files,
  photo: Stored<IdentityPhotoDoc>,
): Promise<{ mime: string; data: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await files.get(photo.fileKey)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return { mime: photo.mime, data: Buffer.concat(chunks) };
}
