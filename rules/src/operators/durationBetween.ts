import { parseDate, type CalendarDate } from "./dates.js";

/** How long from one date to another, in the parts a message says it (「4 年 364 天」, 「1 年 11 个月」). */
export interface Duration {
  /** Whole years. */
  years: number;
  /** Whole months after the whole years (0–11). */
  months: number;
  /** Days after the whole years and months. */
  days: number;
  /** Days after the whole years (ignoring months). */
  yearDays: number;
  /** All days. */
  totalDays: number;
}

const DAY_MS = 86_400_000;
const utc = (date: CalendarDate) => Date.UTC(date.year, date.month - 1, date.day);
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `date` moved by whole months, the day kept or clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/**
 * `{"durationBetween": [from, to]}` → `{ years, months, days, yearDays, totalDays }` from `from` to `to`,
 * or null when either is not a date or `to` is earlier. For hint messages such as the years of
 * apprenticeship served so far (SEC-4); read its parts in a hint message as `{name.years}`.
 */
export function durationBetween(from: unknown, to: unknown): Duration | null {
  const start = parseDate(from);
  const end = parseDate(to);
  if (start === null || end === null || utc(end) < utc(start)) return null;
  let months = (end.year - start.year) * 12 + (end.month - start.month);
  if (utc(addMonths(start, months)) > utc(end)) months -= 1;
  const years = Math.floor(months / 12);
  const afterYears = addMonths(start, years * 12);
  const afterMonths = addMonths(start, months);
  return {
    years,
    months: months - years * 12,
    days: Math.round((utc(end) - utc(afterMonths)) / DAY_MS),
    yearDays: Math.round((utc(end) - utc(afterYears)) / DAY_MS),
    totalDays: Math.round((utc(end) - utc(start)) / DAY_MS),
  };
}
