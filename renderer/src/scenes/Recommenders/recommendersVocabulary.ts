/**
 * The Chinese texts of the 推荐 page that coincide with edition titles (the lookup's title and the QR
 * instruction name the roles), kept in recommendersVocabulary.json because no TypeScript source may spell
 * an edition label (forms/src/noLabelsInCode.test.ts). Loaded as text so the JSON stays outside tsc's list.
 */
import raw from "./recommendersVocabulary.json?raw";

const KEYS = [
  "lookupTitle",
  "lookupButton",
  "lookupSuccess",
  "lookupFailure",
  "idNumberLabel",
  "choose",
  "qrInstruction",
  "needed",
  "added",
  "scanHint",
  "revokeConfirm",
  "history",
] as const;

/** The texts by key; a missing key fails at load, not as an empty button. */
export const RECOMMENDERS_VOCABULARY = parseVocabulary(raw, KEYS);

/** Parses a flat `{ key: text }` JSON and checks that every key is a non-empty string. */
export function parseVocabulary<K extends string>(
  text: string,
  keys: readonly K[],
): Readonly<Record<K, string>> {
  const data = JSON.parse(text) as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = data[key];
    if (typeof value !== "string" || value === "") throw new Error(`vocabulary: ${key} is missing`);
    out[key] = value;
  }
  return out;
}
