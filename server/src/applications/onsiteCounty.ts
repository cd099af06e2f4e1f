/**
 * Where the on-site confirmation happens (SEC-4, SEC-5, REV-3): the apprenticeship county for 师承 candidates; for 多年实践
 * candidates the chosen county of long-term practice when the practice reaches 2017-07-01, else the
 * practice county. Written as json-logic over the answers, so it reads the edition's field paths as data
 * and moves into the manifest once the edition format has a place for it.
 */
import { evaluate, pruneApplication, type Answers, type Edition, type Logic } from "@shenbao/rules";

/** The county rule: the first of these division fields that the (pruned) answers hold. */
export const ONSITE_COUNTY_RULE: Logic = {
  or: [
    { var: "sections.apprenticeship.location.division" },
    // Shown (and required) only when the practice reaches 2017-07-01; pruned otherwise.
    { var: "sections.practice.onsiteDivision" },
    { var: "sections.practice.location.division" },
  ],
};

/** The county code of on-site confirmation, or undefined when the answers name none. */
export function onsiteCountyOf(edition: Edition, answers: Answers): string | undefined {
  // Pruning first drops the other branch's sections and hidden fields, so the rule's order cannot pick them.
  const pruned = pruneApplication(edition, answers);
  const county = evaluate(ONSITE_COUNTY_RULE, {
    candidateType: pruned.candidateType ?? null,
    sections: pruned.sections,
  });
  return typeof county === "string" && county !== "" ? county : undefined;
}
