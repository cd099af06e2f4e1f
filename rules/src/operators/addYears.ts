import { formatDate, parseDate } from "./dates.js";

/**
 * `{"addYears": [date, n]}` → the ISO date n years later (29 February falls back to the 28th), or
 * null when `date` is not a date or n is not an integer. Used for the two further years after the certificate (SEC-4).
 */
export function addYears(date: unknown, years: unknown): string | null {
  const parsed = parseDate(date);
  if (parsed === null || typeof years !== "number" || !Number.isInteger(years)) return null;
  const year = parsed.year + years;
  const leapFallback =
    parsed.month === 2 && parsed.day === 29 && parseDate(formatDate({ ...parsed, year })) === null;
  return formatDate({ year, month: parsed.month, day: leapFallback ? 28 : parsed.day });
}
