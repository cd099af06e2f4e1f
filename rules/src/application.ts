/**
 * The whole application: what stops submitting (APP-5) and the data that may be stored.
 */
import { isObject } from "./paths.js";
import { checkSection, pruneHidden, sectionApplies } from "./section.js";
import type { Answers, Edition, SectionError } from "./types.js";

/**
 * What stops submit, each naming section and field: an unknown candidate type, an untouched required
 * section, and every error of an applicable section that is required or has data (the credentials
 * section is optional, but what is filled in must pass, APP-5). Signatures are checked by the server later.
 */
export function applicationBlockers(edition: Edition, answers: Answers): SectionError[] {
  if (!edition.candidateTypes.some((type) => type.value === answers.candidateType)) {
    return [{ section: "", path: "candidateType", message: `请选择${edition.candidateTypeTitle}` }];
  }
  const blockers: SectionError[] = [];
  for (const section of edition.sections) {
    if (!sectionApplies(edition, section.key, answers)) continue;
    const data = answers.sections[section.key];
    const untouched = !isObject(data) || Object.keys(data).length === 0;
    if (untouched) {
      if (section.requiredForSubmit)
        blockers.push({ section: section.key, path: "", message: `请完善${section.title}` });
      continue;
    }
    // A loop, not push(...): a spread of a huge error list overflows the stack (issue 11).
    for (const error of checkSection(edition, section.key, answers)) blockers.push(error);
  }
  return blockers;
}

/**
 * The answers as they may be stored: sections that do not apply to the candidate type dropped and
 * hidden fields pruned from the others (so a switch of candidate type leaves no apprenticeship data behind).
 */
export function pruneApplication(edition: Edition, answers: Answers): Answers {
  const sections: Answers["sections"] = {};
  for (const section of edition.sections) {
    if (answers.sections[section.key] === undefined || !sectionApplies(edition, section.key, answers))
      continue;
    sections[section.key] = pruneHidden(edition, section.key, answers);
  }
  return { ...answers, sections };
}
