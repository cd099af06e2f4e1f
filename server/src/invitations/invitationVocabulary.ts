/**
 * The Chinese texts of teacher invitations that name the edition's roles or are messages to the physician
 * (TCH-3): they live in invitationVocabulary.json because several coincide with edition field titles, which
 * no TypeScript source may spell (forms/src/noLabelsInCode.test.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const vocabularySchema = z.object({
  qrInstruction: z.string().min(1),
  notifyText: z.string().includes("{link}"),
  remindText: z.string().includes("{link}"),
  codeText: z.string().includes("{code}"),
  candidateFallback: z.string().min(1),
});

/** The texts, checked once at load. */
export const INVITATION_VOCABULARY = vocabularySchema.parse(
  JSON.parse(readFileSync(path.join(import.meta.dirname, "invitationVocabulary.json"), "utf8")),
);

/** `template` with every `{name}` replaced by `values[name]`. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
