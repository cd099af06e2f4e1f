/**
 * The answer of the teacher lookup (TCH-1): on a match only what the candidate needs to choose (name, masked
 * number, institution, title) plus an opaque ref; on no match the edition's explanation, the same every time.
 */
import type { TeacherFinderResult } from "../commands/teacherFinder.js";
import { maskIdNumber } from "../identity/idNumber.js";
import type { RegistryRole } from "../ports/registryProvider.js";
import { editionText, type Edition } from "@shenbao/rules";

/** The JSON of a lookup. `demo` marks a physician of the embedded demo registry, for a badge in the UI. */
export type TeacherLookupView =
  | {
      found: true;
      person: {
        ref: string;
        name: string;
        maskedIdNumber: string;
        institution: string;
        title: string;
        role: RegistryRole;
        demo: boolean;
      };
    }
  | { found: false; message: string };

/** Presents a lookup result for the role that was asked, in the wording of the application's edition. */
export function presentTeacherLookup(
  edition: Edition,
  result: TeacherFinderResult,
  role: RegistryRole,
): TeacherLookupView {
  if (!result.found) return { found: false, message: editionText(edition, "recommenders.lookupFailure") };
  return {
    found: true,
    person: {
      ref: result.ref,
      name: result.person.name,
      maskedIdNumber: maskIdNumber(result.person.idNumber),
      institution: result.person.institution,
      title: result.person.title,
      role,
      demo: result.person.source === "demo",
    },
  };
}
