/**
 * Where the on-site confirmation happens (SEC-4, SEC-5, REV-3): the edition's `bindings.onsite.county`
 * json-logic over the pruned answers (for hubei-2024: the apprenticeship county, else the chosen county of
 * long-term practice, else the practice county).
 */
import { onsiteCountyFor, pruneApplication, type Answers, type Edition } from "@shenbao/rules";

/** The county code of on-site confirmation, or undefined when the answers (or the edition) name none. */
export function onsiteCountyOf(edition: Edition, answers: Answers): string | undefined {
  // Pruning first drops the other branch's sections and hidden fields, so the rule's order cannot pick them.
  return onsiteCountyFor(edition, pruneApplication(edition, answers));
}
