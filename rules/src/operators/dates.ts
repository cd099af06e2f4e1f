/**
 * ISO calendar dates (`YYYY-MM-DD`) as the operators use them; anything else is "no date".
 */

/** A calendar date split into numbers. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO date string, rejecting impossible dates such as 2023-02-30. */
export function parseDate(value: unknown): CalendarDate | null {
  if (typeof value !== "string") return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real =
    probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return real ? { year, month, day } : null;
}

/** Formats a calendar date as `YYYY-MM-DD`. */
export function formatDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** A date range as stored in answers: `{ start, end }`, both ISO dates. */
export interface DateRange {
  start: string;
  end: string;
}

/** Reads a `{ start, end }` range with valid dates, or null. */
export function parseRange(value: unknown): DateRange | null {
  if (typeof value !== "object" || value === null) return null;
  const { start, end } = value as { start?: unknown; end?: unknown };
  if (parseDate(start) === null || parseDate(end) === null) return null;
  return { start: start as string, end: end as string };
}
