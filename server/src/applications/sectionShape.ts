/**
 * What makes a draft save a bad request rather than an incomplete section (APP-4): values of the wrong
 * JSON type and fields the schema does not know. Everything else (missing, too short, not yet a valid
 * option) is incompleteness, which `checkSection` reports and a draft may keep.
 */
import { createAjv, type Edition, type Json, type SectionData } from "@shenbao/rules";

/** A structural problem: the dotted path and what is wrong with it. */
export interface ShapeIssue {
  path: string;
  message: string;
}

// The server does not depend on ajv itself; the rules package hands out its instance.
type ValidateFunction = ReturnType<ReturnType<typeof createAjv>["compile"]>;

const STRUCTURAL = new Set(["type", "properties", "items", "additionalProperties"]);

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema reduced to its structure: types, properties, items and whether other fields are allowed. */
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
    const section = edition.sections.find((candidate) => candidate.key === key);
    if (section === undefined) return undefined;
    validate = createAjv().compile(shapeOf(section.schema) as object);
    byKey.set(key, validate);
  }
  return validate;
}

/** The structural problems of `data` for section `key`; empty when it may be stored, complete or not. */
export function sectionShapeIssues(edition: Edition, key: string, data: SectionData): ShapeIssue[] {
  const validate = validatorFor(edition, key);
  if (validate === undefined || validate(data)) return [];
  return (validate.errors ?? []).map((error) => {
    const base = error.instancePath.split("/").slice(1).join(".");
    if (error.keyword === "additionalProperties") {
      const extra = String((error.params as { additionalProperty?: string }).additionalProperty ?? "");
      return { path: base === "" ? extra : `${base}.${extra}`, message: "不是该部分的字段" };
    }
    return { path: base, message: "数据类型不正确" };
  });
}
