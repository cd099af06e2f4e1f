import { parseDate } from "./dates.js";

/**
 * `{"yearsBetween": [from, to]}` → whole years from `from` to `to` (negative when `to` is earlier), or
 * null when either is not a date. Used for the five-year spans of SEC-4.
 */
export function yearsBetween(from: unknown, to: unknown): number | null {
  const a = parseDate(from);
  const b = parseDate(to);
  if (a === null || b === null) return null;
  let years = b.year - a.year;
  const beforeAnniversary = b.month < a.month || (b.month === a.month && b.day < a.day);
  if (years > 0 && beforeAnniversary) years -= 1;
  const afterAnniversary = b.month > a.month || (b.month === a.month && b.day > a.day);
  if (years < 0 && afterAnniversary) years += 1;
  return years;
}
