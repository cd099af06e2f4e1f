/**
 * The Chinese texts of the teacher pages that coincide with edition titles (step names such as 「阅读须知」,
 * the advice to ask the candidate for a new QR code), kept in teacherVocabulary.json because no TypeScript
 * source may spell an edition label (forms/src/noLabelsInCode.test.ts).
 */
import raw from "./teacherVocabulary.json?raw";
import { parseVocabulary } from "../Recommenders/recommendersVocabulary.js";

/** The texts by key. */
export const TEACHER_VOCABULARY = parseVocabulary(raw, [
  "noticeTitle",
  "verifyTitle",
  "summaryTitle",
  "commitmentTitle",
  "evaluationTitle",
  "signatureTitle",
  "doneTitle",
  "askCandidate",
  "evaluationHint",
] as const);
