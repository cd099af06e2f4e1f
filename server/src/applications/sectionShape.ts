/**
 * What makes a draft save a bad request rather than an incomplete section (APP-4): values of the wrong
 * JSON type, fields the schema does not know, and sizes beyond the schema's own bounds (maxLength,
 * maxItems, maxProperties). Everything else (missing, too short, not yet a valid option) is
 * incompleteness, which `checkSection` reports and a draft may keep.
 *
 * Bounds hold for drafts too (issue 11): a 60 000-item list or a 300 000-character answer stored as a
 * draft made every later read of the application (blockers, PDF) slow or failing. A schema that names no
 * bound still gets the platform's ceiling, so an edition published before the linter required bounds
 * cannot be filled without limit.
 */
import { createAjv, type Edition, type Json, type SectionData } from "@shenbao/rules";

/** A structural problem: the dotted path and what is wrong with it. */
export interface ShapeIssue {
  path: string;
  message: string;
}

/** Ceilings for schemas that name no bound of their own; the linter requires editions to name theirs. */
export const DRAFT_CEILING = { maxLength: 20_000, maxItems: 200, maxProperties: 200 } as const;

// The server does not depend on ajv itself; the rules package hands out its instance.
type ValidateFunction = ReturnType<ReturnType<typeof createAjv>["compile"]>;

const STRUCTURAL = new Set([
  "type",
  "properties",
  "items",
  "additionalProperties",
  "maxLength",
  "maxItems",
  "maxProperties",
]);

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema reduced to its structure and size bounds; missing bounds get the platform's ceiling. */
function shapeOf(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const shape: { [key: string]: Json } = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (!STRUCTURAL.has(keyword)) continue;
    if (keyword === "properties" && isObject(value)) {
      shape.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, shapeOf(sub)]));
    } else if (keyword === "items" || (keyword === "additionalProperties" && isObject(value))) {
      shape[keyword] = shapeOf(value);
    } else shape[keyword] = value;
  }
  // ajv's strict mode wants a size keyword beside its one type; the linter requires types on every field.
  if (schema.type === "string") shape.maxLength ??= DRAFT_CEILING.maxLength;
  if (schema.type === "array") shape.maxItems ??= DRAFT_CEILING.maxItems;
  if (schema.type === "object") shape.maxProperties ??= DRAFT_CEILING.maxProperties;
  return shape;
}

// Per loaded edition object: published editions are cached and immutable, so these live as long as they do.
const validators = new WeakMap<Edition, Map<string, ValidateFunction>>();

function validatorFor(edition: Edition, key: string): ValidateFunction | undefined {
  let byKey = validators.get(edition);
  if (byKey === undefined) {
    byKey = new Map();
    validators.set(edition, byKey);
  }
  let validate = byKey.get(key);
  if (validate === undefined) {
    const form = [...edition.sections, ...edition.forms].find((candidate) => candidate.key === key);
    if (form === undefined) return undefined;
    validate = createAjv().compile(shapeOf(form.schema) as object);
    byKey.set(key, validate);
  }
  return validate;
}

/** The user's words for one ajv error of the shape schema. */
function messageOf(keyword: string, params: Record<string, unknown>): string {
  const limit = params.limit;
  if (keyword === "maxLength") return `内容过长，不能超过 ${String(limit)} 个字`;
  if (keyword === "maxItems") return `最多只能填写 ${String(limit)} 项`;
  if (keyword === "maxProperties") return "包含的内容过多";
  if (keyword === "additionalProperties") return "不是该部分的字段";
  return "数据类型不正确";
}

/**
 * The structural problems of `data` for section (or form) `key`; empty when it may be stored, complete or
 * not. Nesting deeper than the schema is a type error here, so depth is bounded by the schema as well.
 */
export function sectionShapeIssues(edition: Edition, key: string, data: SectionData): ShapeIssue[] {
  const validate = validatorFor(edition, key);
  if (validate === undefined || validate(data)) return [];
  return (validate.errors ?? []).map((error) => {
    const base = error.instancePath.split("/").slice(1).join(".");
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "additionalProperties") {
      const extra = String(params.additionalProperty ?? "");
      return { path: base === "" ? extra : `${base}.${extra}`, message: messageOf(error.keyword, params) };
    }
    return { path: base, message: messageOf(error.keyword, params) };
  });
}
