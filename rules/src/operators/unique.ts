/**
 * `{"unique": list}` → true when no non-empty value occurs twice, e.g. the same registry person
 * added both as recommender and supervisor (SEC-8). Values compare by their JSON text.
 */
export function unique(list: unknown): boolean {
  if (!Array.isArray(list)) return true;
  const seen = new Set<string>();
  for (const value of list) {
    if (value === null || value === undefined || value === "") continue;
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}
