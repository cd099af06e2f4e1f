/**
 * The stored sections of an application seen through the rules: the answers they form, and the sections
 * brought back in line after a change (other branch dropped, hidden data pruned, states recomputed), so
 * what is stored always agrees with the edition (FORM-5, APP-2, APP-4).
 */
import {
  pruneHidden,
  sectionApplies,
  sectionsAffectedBy,
  sectionState,
  type Answers,
  type Edition,
  type SectionData,
} from "@shenbao/rules";
import type { ApplicationDoc, SectionRecord } from "../store/collections.js";

/** The answers the rules read: candidate type and each section's stored data. */
export function answersOf(application: Pick<ApplicationDoc, "candidateType" | "sections">): Answers {
  const sections: Answers["sections"] = {};
  for (const [key, record] of Object.entries(application.sections)) sections[key] = record.data;
  const answers: Answers = { sections };
  if (application.candidateType !== null) answers.candidateType = application.candidateType;
  return answers;
}

/** True when a reviewer locked the section (REV-2). */
export const isLocked = (record: SectionRecord | undefined): boolean => record?.review?.decision === "locked";

/**
 * The sections after a change: sections that no longer apply dropped, hidden fields pruned (a save can
 * hide fields of another section through a cross-section rule), and every state recomputed. Locked
 * sections keep their data as the reviewer saw it. With `changed`, only that section changed since the
 * sections were last settled: the sections its rules cannot reach (`sectionsAffectedBy`) keep their
 * stored data and state, which is what a full settle would give them again (issue 12: a save re-checked
 * every section of the application).
 */
export function settleSections(
  edition: Edition,
  candidateType: string | null,
  sections: Record<string, SectionRecord>,
  changed?: string,
): Record<string, SectionRecord> {
  const affected = changed === undefined ? undefined : sectionsAffectedBy(edition, changed);
  const answers: Answers = { sections: {} };
  if (candidateType !== null) answers.candidateType = candidateType;
  for (const [key, record] of Object.entries(sections)) answers.sections[key] = record.data;
  const pruned: Record<string, SectionData> = {};
  for (const section of edition.sections) {
    const record = sections[section.key];
    if (record === undefined || !sectionApplies(edition, section.key, answers)) continue;
    const keep = isLocked(record) || (affected !== undefined && !affected.has(section.key));
    pruned[section.key] = keep ? record.data : pruneHidden(edition, section.key, answers);
  }
  const settledAnswers: Answers = { ...answers, sections: pruned };
  const settled: Record<string, SectionRecord> = {};
  for (const [key, data] of Object.entries(pruned)) {
    const record = sections[key] as SectionRecord;
    settled[key] =
      affected !== undefined && !affected.has(key)
        ? record
        : { ...record, data, state: sectionState(edition, key, settledAnswers) };
  }
  return settled;
}
