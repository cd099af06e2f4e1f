/**
 * How a registry physician is stored: the encryption contexts and blind-index purposes of the number and the
 * phone, the upsert by number the importer and the live provider share, and the way back to a person.
 */
import { normalizeLegalName } from "../identity/legalName.js";
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { RegistryPerson } from "../ports/registryProvider.js";
import type { Stored } from "../ports/store.js";
import { newId } from "../store/newId.js";
import type { Collections, RegistryDoc } from "../store/collections.js";

/** Blind-index purpose of registry ID numbers (its own key, so registry hashes cannot be joined to users'). */
export const REGISTRY_NUMBER_INDEX_PURPOSE = "registry.idNumber";
/** Blind-index purpose of registry phones. */
export const REGISTRY_PHONE_INDEX_PURPOSE = "registry.phone";

/** The authenticated context of a registry document's number: a value copied elsewhere fails to open. */
export function registryIdNumberContext(registryId: string): string {
  return `registry:${registryId}:idNumber`;
}

/** The authenticated context of a registry document's phone. */
export function registryPhoneContext(registryId: string): string {
  return `registry:${registryId}:phone`;
}

/** The stored hash under the active key, and under every key for look-ups during a key rotation. */
export function registryIdNumberIndex(
  cipher: PersonalDataCipher,
  idNumber: string,
): { active: string; candidates: string[] } {
  return {
    active: cipher.blindIndex(idNumber, REGISTRY_NUMBER_INDEX_PURPOSE),
    candidates: cipher.blindIndexCandidates(idNumber, REGISTRY_NUMBER_INDEX_PURPOSE),
  };
}

/** The registry document holding `idNumber`, under any key of the keyring. */
export async function findRegistryDoc(
  collections: Pick<Collections, "registry">,
  cipher: PersonalDataCipher,
  idNumber: string,
): Promise<Stored<RegistryDoc> | undefined> {
  const { candidates } = registryIdNumberIndex(cipher, idNumber);
  return (await collections.registry.find({ idNumberHash: { $in: candidates } }, { limit: 1 })).items[0];
}

/** A person's fields as typed (or answered by a provider), before encryption. */
export type RegistryPersonFields = Omit<RegistryPerson, "ref" | "source">;

/**
 * Writes `person` under its number: replaces the existing document (its revision checked) or inserts a new
 * one. Returns which it did and the document id. Call inside a transaction when writing several.
 */
export async function upsertRegistryPerson(
  collections: Pick<Collections, "registry">,
  cipher: PersonalDataCipher,
  person: RegistryPersonFields,
  source: RegistryDoc["source"],
  now: number,
): Promise<{ id: string; outcome: "inserted" | "updated" }> {
  const existing = await findRegistryDoc(collections, cipher, person.idNumber);
  const id = existing?._id ?? newId(now);
  const doc: RegistryDoc = {
    name: person.name,
    idNumberEnc: cipher.encrypt(person.idNumber, registryIdNumberContext(id)),
    idNumberHash: registryIdNumberIndex(cipher, person.idNumber).active,
    sex: person.sex,
    institution: person.institution,
    institutionDivision: person.institutionDivision,
    practiceCategory: person.practiceCategory,
    licenseNumber: person.licenseNumber,
    title: person.title,
    yearsOfPractice: person.yearsOfPractice,
    phoneEnc: cipher.encrypt(person.phone, registryPhoneContext(id)),
    phoneHash: cipher.blindIndex(person.phone, REGISTRY_PHONE_INDEX_PURPOSE),
    labels: [...person.labels],
    source,
    importedAt: now,
  };
  if (existing) {
    await collections.registry.replace(id, existing.rev, doc);
    return { id, outcome: "updated" };
  }
  await collections.registry.insert({ ...doc, _id: id });
  return { id, outcome: "inserted" };
}

/** The person a stored document describes, decrypted; for the lookup and the invitation only. */
export function registryPersonOf(doc: Stored<RegistryDoc>, cipher: PersonalDataCipher): RegistryPerson {
  return {
    ref: doc._id,
    name: doc.name,
    idNumber: cipher.decrypt(doc.idNumberEnc, registryIdNumberContext(doc._id)),
    sex: doc.sex,
    institution: doc.institution,
    institutionDivision: doc.institutionDivision,
    practiceCategory: doc.practiceCategory,
    licenseNumber: doc.licenseNumber,
    title: doc.title,
    yearsOfPractice: doc.yearsOfPractice,
    phone: cipher.decrypt(doc.phoneEnc, registryPhoneContext(doc._id)),
    labels: [...doc.labels],
    source: doc.source,
  };
}

/** Names compare after NFKC and trimming, so a full-width space or a trailing blank does not fail a lookup. */
export function sameName(a: string, b: string): boolean {
  // The separator's look-alikes (「·」「•」「・」…) are one character, as on the ID card (issue 11).
  const normalize = (value: string) => normalizeLegalName(value).normalize("NFKC").replace(/\s+/gu, "");
  return normalize(a) === normalize(b);
}
