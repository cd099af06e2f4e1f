import { parseDate, parseRange } from "./dates.js";

/**
 * `{"overlaps": [range, from, to]}` → true when the `{start, end}` range shares a day with
 * [from, to]; a null/absent bound is open. Used for "any part of the practice period on or after
 * 2017-07-01" (SEC-5, SEC-8).
 */
export function overlaps(range: unknown, from: unknown, to?: unknown): boolean {
  const period = parseRange(range);
  if (period === null) return false;
  const fromOk = from === null || from === undefined || parseDate(from) !== null;
  const toOk = to === null || to === undefined || parseDate(to) !== null;
  if (!fromOk || !toOk) return false;
  const startsBeforeEnd = typeof to !== "string" || period.start <= to;
  const endsAfterStart = typeof from !== "string" || period.end >= from;
  return startsBeforeEnd && endsAfterStart;
}
