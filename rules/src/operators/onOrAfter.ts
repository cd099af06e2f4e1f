import { parseDate } from "./dates.js";

/** `{"onOrAfter": [date, reference]}` → true when both are dates and `date` is not earlier. */
export function onOrAfter(date: unknown, reference: unknown): boolean {
  if (parseDate(date) === null || parseDate(reference) === null) return false;
  // ISO dates of equal width order the same as strings.
  return (date as string) >= (reference as string);
}
