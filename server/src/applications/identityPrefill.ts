/**
 * SEC-1: the fields an edition binds to the verified 实名认证 (manifest `bindings.identityPrefill`, e.g. name,
 * sex and birth date) come from the identity, never from what the browser sends. The identity engineer owns
 * the `identities` collection; this module only reads the verified document of a user.
 */
import { editionBindings, schemaAt, type Edition, type Json, type SectionData } from "@shenbao/rules";
import type { Store, StoreTx } from "../ports/store.js";
import { collectionsOf, type IdentityDoc } from "../store/collections.js";

/** The facts of a verified identity the application uses. */
export type IdentityFacts = Pick<IdentityDoc, "name" | "sex" | "birthDate">;

/** The section the edition fills from the identity, or undefined when it prefills nothing. */
export function prefillSection(edition: Edition): string | undefined {
  return editionBindings(edition).identityPrefill?.section;
}

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
  edition: Edition,
  identity: IdentityFacts | undefined,
  stored: SectionData | undefined,
): Record<string, Json | undefined> {
  const values: Record<string, Json | undefined> = {};
  for (const [field, fact] of Object.entries(editionBindings(edition).identityPrefill?.fields ?? {})) {
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
  if (key !== prefillSection(edition)) return data;
  const section = edition.sections.find((candidate) => candidate.key === key);
  const result: SectionData = { ...data };
  for (const [field, value] of Object.entries(values)) {
    if (section === undefined || schemaAt(section.schema, field) === undefined) continue;
    if (value === undefined || value === null) delete result[field];
    else result[field] = value;
  }
  return result;
}

/** The candidate's name as the application shows it: the field the edition fills from the identity's name. */
export function prefilledName(
  edition: Edition,
  sections: Record<string, { data: SectionData } | undefined>,
): string | undefined {
  const binding = editionBindings(edition).identityPrefill;
  const field = binding && Object.entries(binding.fields).find(([, fact]) => fact === "name")?.[0];
  const value = binding && field ? sections[binding.section]?.data[field] : undefined;
  return typeof value === "string" ? value : undefined;
}
