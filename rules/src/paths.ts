/**
 * Dotted field paths ("period.start", "cases.2.name") over answers and over JSON Schemas. Numeric
 * segments index arrays in data; in schemas they (or "[]") step into `items`.
 */
import type { Json, JsonSchema } from "./types.js";

/** Splits a dotted path; "" is the root. */
export function splitPath(path: string): string[] {
  return path === "" ? [] : path.split(".");
}

/** Joins path segments, skipping empty ones. */
export function joinPath(...parts: (string | number)[]): string {
  return parts.filter((part) => part !== "").join(".");
}

/** True for plain JSON objects (not arrays, not null). */
export function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined when any step is missing. */
export function getAt(data: unknown, path: string): Json | undefined {
  let current: unknown = data;
  for (const segment of splitPath(path)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else return undefined;
  }
  return current as Json | undefined;
}

/** Deletes the value at a dotted path in place; returns whether something was there. */
export function deleteAt(data: unknown, path: string): boolean {
  const segments = splitPath(path);
  const last = segments.pop();
  const parent = getAt(data, segments.join("."));
  if (last === undefined || !isObject(parent) || !(last in parent)) return false;
  delete parent[last];
  return true;
}

/** Empty as the guide means it: missing, null, blank text or an empty list (e.g. no file uploaded). */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The sub-schema a dotted path names (object properties, array items), or undefined. */
export function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const segment of splitPath(path)) {
    if (current === undefined) return undefined;
    const step: Json | undefined =
      segment === "[]" || /^\d+$/.test(segment) ? current.items : propertyOf(current, segment);
    current = isObject(step) ? step : undefined;
  }
  return current;
}

function propertyOf(schema: JsonSchema, name: string): Json | undefined {
  const properties = schema.properties;
  return isObject(properties) && Object.hasOwn(properties, name) ? properties[name] : undefined;
}

/** Structured clone of JSON data (answers and schemas are always JSON). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
