/**
 * SEC-1: the basic-information section's name, sex and birth date come from the verified 实名认证, never
 * from what the browser sends. The identity engineer owns the `identities` collection; this module only
 * reads the verified document of a user.
 */
import { schemaAt, type Edition, type Json, type SectionData } from "@shenbao/rules";
import type { Store, StoreTx } from "../ports/store.js";
import { collectionsOf, type IdentityDoc } from "../store/collections.js";

/** The facts of a verified identity the application uses. */
export type IdentityFacts = Pick<IdentityDoc, "name" | "sex" | "birthDate">;

/**
 * Which identity fact fills which field of which section. Field names, not labels: the edition owns the
 * labels. Kept here until the edition format can declare prefill itself.
 */
export const IDENTITY_PREFILL = {
  section: "basicInfo",
  fields: { name: "name", gender: "sex", birthDate: "birthDate" },
} as const satisfies { section: string; fields: Record<string, keyof IdentityFacts> };

/** The user's verified identity, if any (ID-1: applying needs one). */
export async function verifiedIdentity(
  store: Pick<Store | StoreTx, "collection">,
  userId: string,
): Promise<IdentityDoc | undefined> {
  const { items } = await collectionsOf(store).identities.find({ userId, state: "verified" }, { limit: 1 });
  return items[0];
}

/** The prefilled field values: from the identity, else (identity since withdrawn, ID-5) as stored before. */
export function prefillValues(
  identity: IdentityFacts | undefined,
  stored: SectionData | undefined,
): Record<string, Json | undefined> {
  const values: Record<string, Json | undefined> = {};
  for (const [field, fact] of Object.entries(IDENTITY_PREFILL.fields)) {
    values[field] = identity === undefined ? stored?.[field] : (identity[fact] ?? undefined);
  }
  return values;
}

/** `data` with the prefilled fields of section `key` overwritten by `values` (absent values removed). */
export function applyPrefill(
  edition: Edition,
  key: string,
  data: SectionData,
  values: Record<string, Json | undefined>,
): SectionData {
  if (key !== IDENTITY_PREFILL.section) return data;
  const section = edition.sections.find((candidate) => candidate.key === key);
  const result: SectionData = { ...data };
  for (const [field, value] of Object.entries(values)) {
    // An edition without the field (another year's form) simply gets nothing prefilled there.
    if (section === undefined || schemaAt(section.schema, field) === undefined) continue;
    if (value === undefined || value === null) delete result[field];
    else result[field] = value;
  }
  return result;
}
