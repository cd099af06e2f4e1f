/**
 * `{"count": list}` → the number of items (0 for anything that is not a list). Combine with `filter`
 * to count matches, e.g. recommenders by role (SEC-8).
 */
export function count(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}
