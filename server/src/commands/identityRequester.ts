/**
 * 「身份证（人工审核）」 and the other documents (ID-4): the request is stored as 「待认证」 until an
 * administrator approves or rejects it. A resident ID number still passes the local GB 11643 checks first.
 */
import { IdNumberInvalidError } from "../errors.js";
import { autoCheckFailures } from "../identity/autoCheckAttempts.js";
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
import type { IdDocType } from "../ports/identityCheck.js";
import type { Stored } from "../ports/store.js";
import { collectionsOf, type IdentityDoc } from "../store/collections.js";
import { newId } from "../store/newId.js";
import { appendAudit } from "./audit.js";
import { uniqueViolationToDomainError } from "./identityVerifier.js";

/** What the user submits for manual review. `sex` / `birthDate` are read from the number for resident IDs. */
export interface IdentityRequestInput {
  userId: string;
  docType: IdDocType;
  name: string;
  idNumber: string;
  photoFront: string;
  photoBack?: string | undefined;
  sex?: "male" | "female" | undefined;
  birthDate?: string | undefined;
}

// Permits, residence cards and passports: letters and digits only once spaces and brackets are dropped.
const OTHER_DOCUMENT_NUMBER = /^[A-Z0-9]{5,20}$/;

/** Stores a pending request and returns it; throws `IdNumberInvalidError`, `IdNumberTakenError` or a state error. */
export async function identityRequester(
  deps: Omit<IdentityCommandDeps, "files">,
  input: IdentityRequestInput,
): Promise<Stored<IdentityDoc>> {
  const { store, cipher, clock, identity } = deps;
  const collections = collectionsOf(store);
  assertCanStartAttempt(await currentIdentityOf(collections, input.userId));
  const photos = await ownPhotos(collections, input.userId, {
    front: input.photoFront,
    back: input.photoBack,
  });
  const facts = documentFacts(input, identity.regionLookup, new Date(clock.now()));
  const index = identityNumberIndex(cipher, input.docType, facts.number);
  // Refused now rather than after an administrator has looked at it.
  await assertNumberFree(collections, index.candidates, input.userId);
  const failures = await autoCheckFailures(collections, input.userId);

  const now = clock.now();
  try {
    return await store.transaction(async (tx) => {
      const txCollections = collectionsOf(tx);
      const current = await currentIdentityOf(txCollections, input.userId);
      assertCanStartAttempt(current);
      if (current)
        await txCollections.identities.replace(
          current._id,
          current.rev,
          supersededFields(identityFields(current), now),
        );
      const id = newId(now);
      const doc: IdentityDoc = {
        userId: input.userId,
        state: "pending",
        method: "manual",
        docType: input.docType,
        name: input.name,
        sex: facts.sex,
        birthDate: facts.birthDate,
        idNumberEnc: cipher.encrypt(facts.number, identityNumberContext(id)),
        idNumberHash: index.active,
        photoFront: photos.front._id,
        ...(photos.back && { photoBack: photos.back._id }),
        attempts: failures,
        currentUserId: input.userId,
      };
      const stored = await txCollections.identities.insert({ ...doc, _id: id });
      await appendAudit(tx, {
        actor: input.userId,
        action: "identity.request",
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

function documentFacts(
  input: IdentityRequestInput,
  isKnownRegion: Parameters<typeof validateIdNumber>[1],
  now: Date,
): { number: string; sex: "male" | "female" | null; birthDate: string | null } {
  if (input.docType === "resident_id") {
    const checked = validateIdNumber(input.idNumber, isKnownRegion, { now });
    if (!checked.ok) throw new IdNumberInvalidError(checked.message, { reason: checked.reason });
    return { number: checked.normalized, sex: checked.sex, birthDate: checked.birthDate };
  }
  const number = input.idNumber
    .normalize("NFKC")
    .replace(/[\s()（）-]/gu, "")
    .toUpperCase();
  if (!OTHER_DOCUMENT_NUMBER.test(number)) {
    throw new IdNumberInvalidError("证件号码格式不正确，应为5到20位字母或数字", { reason: "format" });
  }
  return { number, sex: input.sex ?? null, birthDate: input.birthDate ?? null };
}
