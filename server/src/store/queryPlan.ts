/**
 * Adapter-neutral reading of a `find`: checks fields against the declared indexes, normalizes conditions
 * into a small predicate language and turns an opaque cursor into keyset predicates. Each adapter
 * translates the plan (SQL for SQLite, a filter document for MongoDB), so both page identically.
 */
import { InvalidCursorError, UnindexedQueryError } from "../errors.js";
import type { Filter, FindOptions, Scalar } from "../ports/store.js";

/** A non-null value a range may compare against. */
export type Comparable = Exclude<Scalar, null>;

/**
 * One condition of a plan. `eq` and `in` treat null as "null or missing" (MongoDB's rule, and what
 * SQLite's `json_extract` yields for a missing path); `any` is an OR of AND-groups used by the keyset.
 */
export type Predicate =
  | { op: "eq"; field: string; value: Scalar }
  | { op: "in"; field: string; values: Scalar[] }
  | { op: "cmp"; field: string; cmp: "gt" | "gte" | "lt" | "lte"; value: Comparable }
  | { op: "notNull"; field: string }
  | { op: "any"; groups: Predicate[][] };

/** One sort key; the plan always ends with `_id` so the order is total. */
export interface SortKey {
  field: string;
  dir: 1 | -1;
}

/** A validated `find`: AND of `where`, ordered by `sort`, at most `limit` items (none = all). */
export interface QueryPlan {
  where: Predicate[];
  sort: SortKey[];
  limit?: number;
}

const FIELD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const RANGE_KEYS = new Set(["$gt", "$gte", "$lt", "$lte"]);

/** Throws unless `field` is a plain (optionally dotted) identifier; adapters embed it in SQL and paths. */
export function assertFieldName(field: string): void {
  if (!FIELD_PATTERN.test(field)) throw new TypeError(`invalid field name "${field}"`);
}

/** Reads a dotted path from a document as a scalar; missing, objects and arrays read as null. */
export function fieldValue(doc: Record<string, unknown>, path: string): Scalar {
  let current: unknown = doc;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current === "string" || typeof current === "number" || typeof current === "boolean") {
    return current;
  }
  return null;
}

/**
 * Builds the plan for `filter` and `options`. `indexed` holds every field named by a declared index of
 * the collection; anything else (except `_id`) throws `UnindexedQueryError`, so no query scans a table.
 */
export function planQuery(
  indexed: ReadonlySet<string>,
  filter: Filter,
  options: FindOptions = {},
): QueryPlan {
  const checkField = (field: string): void => {
    if (field !== "_id" && !indexed.has(field)) throw new UnindexedQueryError(field);
  };
  const where: Predicate[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    checkField(field);
    where.push(...conditionPredicates(field, condition));
  }

  const sort: SortKey[] = [];
  for (const [field, dir] of Object.entries(options.sort ?? {})) {
    checkField(field);
    if (dir !== 1 && dir !== -1) throw new TypeError(`sort direction of "${field}" must be 1 or -1`);
    sort.push({ field, dir });
  }
  // `_id` is unique, so it makes the order total: keyset pages then never skip or repeat a document.
  if (!sort.some((key) => key.field === "_id")) sort.push({ field: "_id", dir: 1 });
  else if (sort[sort.length - 1]!.field !== "_id") {
    // Keys after a unique key never decide the order; dropping them keeps the keyset minimal.
    sort.splice(sort.findIndex((key) => key.field === "_id") + 1);
  }

  if (options.cursor !== undefined) where.push(keysetPredicate(sort, decodeCursor(options.cursor, sort)));

  const plan: QueryPlan = { where, sort };
  if (options.limit !== undefined) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new TypeError(`limit must be a positive integer, got ${options.limit}`);
    }
    plan.limit = options.limit;
  }
  return plan;
}

/** The opaque cursor that continues a listing after `doc` under `sort` (base64url JSON). */
export function encodeCursor(sort: SortKey[], doc: Record<string, unknown>): string {
  const body: CursorBody = { s: sortSignature(sort), k: sort.map((key) => fieldValue(doc, key.field)) };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

interface CursorBody {
  s: string;
  k: Scalar[];
}

function sortSignature(sort: SortKey[]): string {
  return sort.map((key) => `${key.field}:${key.dir}`).join(",");
}

function decodeCursor(cursor: string, sort: SortKey[]): Scalar[] {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    typeof body !== "object" ||
    body === null ||
    (body as CursorBody).s !== sortSignature(sort) ||
    !Array.isArray((body as CursorBody).k) ||
    (body as CursorBody).k.length !== sort.length ||
    !(body as CursorBody).k.every(isScalar)
  ) {
    // A cursor from another sort order would silently page wrong; refuse it instead.
    throw new InvalidCursorError();
  }
  return (body as CursorBody).k;
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === "string" || typeof value === "boolean" || Number.isFinite(value);
}

/**
 * "Strictly after `values` in `sort` order", as an OR over positions i: keys before i equal, key i after.
 * Nulls sort first ascending (both engines agree), so "after null" ascending is "not null" and nothing
 * comes after null descending.
 */
function keysetPredicate(sort: SortKey[], values: Scalar[]): Predicate {
  const groups: Predicate[][] = [];
  sort.forEach((key, i) => {
    const value = values[i] ?? null;
    const prefix: Predicate[] = sort
      .slice(0, i)
      .map((prev, j) => ({ op: "eq", field: prev.field, value: values[j] ?? null }));
    if (key.dir === 1) {
      if (value === null) groups.push([...prefix, { op: "notNull", field: key.field }]);
      else groups.push([...prefix, { op: "cmp", field: key.field, cmp: "gt", value }]);
    } else if (value !== null) {
      groups.push([...prefix, { op: "cmp", field: key.field, cmp: "lt", value }]);
      groups.push([...prefix, { op: "eq", field: key.field, value: null }]);
    }
  });
  return { op: "any", groups };
}

function conditionPredicates(field: string, condition: unknown): Predicate[] {
  if (isScalar(condition)) return [{ op: "eq", field, value: condition }];
  if (typeof condition !== "object" || condition === null || Array.isArray(condition)) {
    throw new TypeError(`unsupported condition on "${field}"`);
  }
  const entries = Object.entries(condition);
  if (entries.length === 0) throw new TypeError(`empty condition on "${field}"`);
  if ("$in" in condition) {
    const values: unknown = (condition as { $in: unknown }).$in;
    if (entries.length !== 1 || !Array.isArray(values) || !values.every(isScalar)) {
      throw new TypeError(`$in on "${field}" must be the only operator and list scalars`);
    }
    return [{ op: "in", field, values }];
  }
  return entries.map(([key, value]) => {
    if (!RANGE_KEYS.has(key)) throw new TypeError(`unsupported operator ${key} on "${field}"`);
    if (!isScalar(value) || value === null) {
      throw new TypeError(`${key} on "${field}" needs a non-null scalar`);
    }
    return { op: "cmp", field, cmp: key.slice(1) as "gt" | "gte" | "lt" | "lte", value };
  });
}
