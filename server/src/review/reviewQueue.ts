/**
 * The reviewers' queue filter (REV-1): the reviewer's scope AND the chosen filters AND a search by blind
 * index. Scope always comes first, so no filter or search can reach outside the reviewer's division.
 */
import type { PersonalDataCipher } from "../crypto/personalData.js";
import type { Filter } from "../ports/store.js";
import type { ReviewerScope } from "../store/collections.js";
import type { QueueQuery } from "../routes/review/reviewSchemas.js";
import { REVIEW_SEARCH, SEARCH_FIELD, SEARCH_TAIL_LENGTH, type ReviewSearchKind } from "./reviewEntries.js";
import { scopeFilter } from "./reviewRouting.js";

// Dates a reviewer picks are days in China Standard Time (UTC+8, no daylight saving).
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS;

/**
 * The store filter of `query` for a reviewer of `scope`, or undefined when the query asks for something
 * outside the scope (a county reviewer filtering by another county): that matches nothing.
 */
export function queueFilter(
  cipher: PersonalDataCipher,
  scope: ReviewerScope,
  query: QueueQuery,
): Filter | undefined {
  const filter: Filter = {};
  if (query.stage !== undefined) filter.stage = query.stage;
  if (query.candidateType !== undefined) filter.candidateType = query.candidateType;
  if (query.county !== undefined) {
    // The scope's own field must never be replaced by a filter on the same field.
    if (scope.level === "county" && query.county !== scope.division) return undefined;
    filter.county = query.county;
  }
  if (query.signatures !== undefined) filter.signaturesComplete = query.signatures === "complete";
  if (query.submittedFrom !== undefined || query.submittedTo !== undefined) {
    filter.submittedAt = {
      ...(query.submittedFrom === undefined ? {} : { $gte: dayStart(query.submittedFrom) }),
      ...(query.submittedTo === undefined ? {} : { $lt: dayStart(query.submittedTo) + DAY_MS }),
    };
  }
  const q = query.q?.normalize("NFKC").replace(/\s+/g, "") ?? "";
  if (q !== "") {
    const kind = searchKind(query.searchBy ?? "name", q);
    // A masked number as shown in the list (4201**********123X) searches by its visible tail.
    const value = kind === "name" || kind === "idNumber" ? q : q.slice(-SEARCH_TAIL_LENGTH);
    filter[SEARCH_FIELD[kind]] = { $in: cipher.blindIndexCandidates(value, REVIEW_SEARCH[kind]) };
  }
  // Last, so that nothing above can widen it.
  return { ...filter, ...scopeFilter(scope) };
}

function searchKind(by: "name" | "idNumber" | "phoneTail", q: string): ReviewSearchKind {
  if (by === "idNumber") return q.length <= SEARCH_TAIL_LENGTH || q.includes("*") ? "idTail" : "idNumber";
  return by;
}
