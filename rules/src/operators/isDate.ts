import { parseDate } from "./dates.js";

/** `{"isDate": value}` → true for a real ISO calendar date. */
export function isDate(value: unknown): boolean {
  return parseDate(value) !== null;
}
