/**
 * The Chinese words of the physician registry: the import template's column headers and notes, and the values
 * of the sex and label-group columns (TCH-1). A failed lookup is explained in the edition's words. They live in
 * registryVocabulary.json because they are the provincial system's vocabulary, not code, and several of
 * them coincide with edition field titles, which no TypeScript source may spell (forms/src/noLabelsInCode.test.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { RegistryRole } from "../ports/registryProvider.js";

/** The fields of an imported row, in template order. */
export const REGISTRY_COLUMN_KEYS = [
  "name",
  "idNumber",
  "sex",
  "institution",
  "institutionDivision",
  "practiceCategory",
  "licenseNumber",
  "title",
  "yearsOfPractice",
  "phone",
  "labels",
] as const;

/** One field of an imported row. */
export type RegistryColumnKey = (typeof REGISTRY_COLUMN_KEYS)[number];

const roleSchema = z.enum(["supervisor", "recommender"]);

const vocabularySchema = z
  .object({
    sheetName: z.string().min(1),
    notesSheetName: z.string().min(1),
    columns: z.array(
      z.object({
        key: z.enum(REGISTRY_COLUMN_KEYS),
        header: z.string().min(1),
        required: z.boolean(),
        example: z.string(),
        note: z.string(),
      }),
    ),
    sexValues: z.record(z.string(), z.enum(["male", "female"])),
    labelGroups: z.record(z.string(), roleSchema),
  })
  .superRefine((vocabulary, ctx) => {
    // A missing or doubled column would make every import fail (or silently drop a field), so refuse at load.
    const keys = vocabulary.columns.map((column) => column.key);
    for (const key of REGISTRY_COLUMN_KEYS) {
      if (keys.filter((k) => k === key).length !== 1) {
        ctx.addIssue({
          code: "custom",
          path: ["columns"],
          message: `column "${key}" must appear exactly once`,
        });
      }
    }
    for (const role of roleSchema.options) {
      if (!Object.values(vocabulary.labelGroups).includes(role)) {
        ctx.addIssue({ code: "custom", path: ["labelGroups"], message: `no label group for role "${role}"` });
      }
    }
  });

/** The registry's words, validated. */
export type RegistryVocabulary = z.infer<typeof vocabularySchema>;

/** Reads and checks a vocabulary file; throws naming every problem. */
export function loadRegistryVocabulary(
  file: string = path.join(import.meta.dirname, "registryVocabulary.json"),
): RegistryVocabulary {
  return vocabularySchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** The shipped vocabulary, read once. */
export const REGISTRY_VOCABULARY: RegistryVocabulary = loadRegistryVocabulary();

/** The label-group text of a role in the vocabulary (for messages and the demo data). */
export function labelGroupOf(
  role: RegistryRole,
  vocabulary: RegistryVocabulary = REGISTRY_VOCABULARY,
): string {
  const entry = Object.entries(vocabulary.labelGroups).find(([, value]) => value === role);
  if (!entry) throw new Error(`no label group for role "${role}"`);
  return entry[0];
}
