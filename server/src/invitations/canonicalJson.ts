/**
 * Canonical JSON for signatures (TCH-4): object keys sorted by UTF-16 code units, no whitespace, arrays in
 * order, strings and numbers as `JSON.stringify` writes them. The same value always gives the same text,
 * so a hash over it proves exactly what a teacher signed.
 */
import { createHash } from "node:crypto";

/**
 * The canonical text of `value`. Object properties holding undefined are omitted (as `JSON.stringify`
 * does); anything else JSON cannot carry faithfully (undefined elsewhere, functions, non-finite numbers,
 * bigint, class instances, cycles) throws rather than being silently changed.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

/** sha256 (hex) of the canonical text of `value`. */
export function canonicalHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}

function write(value: unknown, ancestors: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: numbers must be finite");
      // -0 and 0 are the same JSON number.
      return JSON.stringify(value === 0 ? 0 : value);
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError("canonicalJson: cyclic value");
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((item: unknown) => write(item, ancestors)).join(",")}]`;
    const prototype = Object.getPrototypeOf(object) as unknown;
    if (prototype !== Object.prototype && prototype !== null)
      throw new TypeError("canonicalJson: only plain objects and arrays can be encoded");
    const entries = Object.entries(object as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${write(child, ancestors)}`).join(",")}}`;
  } finally {
    ancestors.delete(object);
  }
}
