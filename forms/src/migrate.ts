/**
 * Moving a draft's answers to a newer version of its edition (FORM-4), by field path — the stable id of a
 * field. A value whose path and type still exist (and, for a choice, whose option still exists) is kept; a
 * value whose field is gone, or no longer accepted, is set aside with its old label, never dropped; a field
 * whose definition changed (label, options, required, limits) is flagged for the candidate to check, and so
 * is a field the new version adds.
 */
import {
  isObject,
  leafValues,
  pruneHidden,
  sectionApplies,
  type Answers,
  type Edition,
  type FormDefinition,
  type Json,
  type JsonSchema,
  type SectionData,
} from "@shenbao/rules";
import { diffForms } from "./diff.js";

/** What happened to one field of a migrated section. */
export interface FieldMigration {
  /** Dotted data path (`cases.2.phone`), or the schema path with `[]` for a definition (`cases[].phone`). */
  path: string;
  change: "changed" | "added" | "removed" | "invalid";
  /** The field's label: in the old version for removed / invalid / changed, in the new one for added. */
  label: string;
  /** The value set aside (removed / invalid). */
  value?: Json;
}

/** A section after migration: the data to store and what happened to its fields. */
export interface SectionMigrationResult {
  data: SectionData;
  notes: FieldMigration[];
}

const schemaPath = (dataPath: string) => dataPath.replace(/\.\d+(?=\.|$)/g, "[]");

function jsonType(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeAccepts(schema: JsonSchema, value: Json): boolean {
  const declared = schema.type;
  if (declared === undefined) return true;
  const types = Array.isArray(declared) ? declared : [declared];
  const actual = jsonType(value);
  return types.some((type) => type === actual || (type === "number" && actual === "integer"));
}

/** The values a choice field accepts (oneOf consts, enum, or a catalog's leaves), or undefined for free fields. */
function allowedValues(edition: Edition, schema: JsonSchema): Set<Json> | undefined {
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((option) => isObject(option) && "const" in option))
    return new Set(schema.oneOf.map((option) => (option as { const: Json }).const));
  if (Array.isArray(schema.enum)) return new Set(schema.enum);
  const catalog = typeof schema["x-catalog"] === "string" ? edition.catalogs[schema["x-catalog"]] : undefined;
  return catalog === undefined ? undefined : new Set<Json>([...leafValues(catalog)]);
}

function labelOf(schema: JsonSchema | undefined, fallback: string): string {
  return typeof schema?.title === "string" ? schema.title : fallback;
}

/**
 * The section `key`'s `data` from edition `from` moved to edition `to` (same key): kept, set aside or flagged
 * field by field, then pruned by the new version's rules for the given answers (what the rules now hide is
 * set aside too). A section the new version no longer has sets everything aside.
 */
export function migrateSection(
  from: Edition,
  to: Edition,
  key: string,
  data: SectionData,
  answers: Answers,
): SectionMigrationResult {
  const notes: FieldMigration[] = [];
  const oldForm: FormDefinition | undefined = from.sections.find((section) => section.key === key);
  const newForm: FormDefinition | undefined = to.sections.find((section) => section.key === key);
  const setAside = (
    path: string,
    change: "removed" | "invalid",
    schema: JsonSchema | undefined,
    value: Json,
  ) => notes.push({ path, change, label: labelOf(schema, path), value });

  if (newForm === undefined) {
    for (const [name, value] of Object.entries(data))
      setAside(name, "removed", oldForm && propertyOf(oldForm.schema, name), value);
    return { data: {}, notes };
  }

  const walk = (
    oldSchema: JsonSchema | undefined,
    newSchema: JsonSchema | undefined,
    value: Json,
    path: string,
  ): Json | undefined => {
    if (newSchema === undefined) {
      setAside(path, "removed", oldSchema, value);
      return undefined;
    }
    if (!typeAccepts(newSchema, value)) {
      setAside(path, "invalid", oldSchema ?? newSchema, value);
      return undefined;
    }
    if (isObject(value)) {
      const out: { [key: string]: Json } = {};
      for (const [name, child] of Object.entries(value)) {
        const kept = walk(
          oldSchema && propertyOf(oldSchema, name),
          propertyOf(newSchema, name),
          child,
          path === "" ? name : `${path}.${name}`,
        );
        if (kept !== undefined) out[name] = kept;
      }
      return out;
    }
    if (Array.isArray(value)) {
      const oldItems = isObject(oldSchema?.items) ? (oldSchema.items as JsonSchema) : undefined;
      const newItems = isObject(newSchema.items) ? (newSchema.items as JsonSchema) : undefined;
      if (newItems === undefined) return value;
      // A list keeps its positions: an item that cannot stay is set aside as a whole only when it is a leaf.
      const out: Json[] = [];
      value.forEach((item, index) => {
        const kept = walk(oldItems, newItems, item, `${path}.${index}`);
        if (kept !== undefined) out.push(kept);
      });
      return out;
    }
    const allowed = allowedValues(to, newSchema);
    if (allowed !== undefined && !allowed.has(value)) {
      setAside(path, "invalid", oldSchema ?? newSchema, value);
      return undefined;
    }
    return value;
  };
  const moved = (walk(oldForm?.schema, newForm.schema, data, "") ?? {}) as SectionData;

  // What the new version's rules hide for these answers is set aside too, never silently pruned.
  const withMoved: Answers = { ...answers, sections: { ...answers.sections, [key]: moved } };
  const pruned = sectionApplies(to, key, withMoved) ? pruneHidden(to, key, withMoved) : moved;
  for (const [path, value] of leaves(moved)) {
    if (!hasPath(pruned, path)) setAside(path, "removed", oldForm && fieldAt(oldForm.schema, path), value);
  }

  // Definitions that changed or were added: flagged, so the candidate checks them.
  const setAsideSchemaPaths = new Set(notes.map((note) => schemaPath(note.path)));
  for (const change of diffForms("section", oldForm ? [oldForm] : [], [newForm])) {
    if (change.kind !== "field" || setAsideSchemaPaths.has(change.path)) continue;
    if (change.change === "changed")
      notes.push({
        path: change.path,
        change: "changed",
        label: labelOf(fieldAt(oldForm?.schema, change.path), change.path),
      });
    else if (change.change === "added")
      notes.push({
        path: change.path,
        change: "added",
        label: labelOf(fieldAt(newForm.schema, change.path), change.path),
      });
  }
  return { data: pruned, notes };
}

function propertyOf(schema: JsonSchema, name: string): JsonSchema | undefined {
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const child = properties?.[name];
  return isObject(child) ? (child as JsonSchema) : undefined;
}

/** The schema of a field by data path (`cases.2.phone`) or schema path (`cases[].phone`). */
function fieldAt(schema: JsonSchema | undefined, path: string): JsonSchema | undefined {
  let node = schema;
  for (const segment of path.replace(/\[\]/g, ".0").split(".")) {
    if (node === undefined) return undefined;
    if (/^\d+$/.test(segment)) node = isObject(node.items) ? (node.items as JsonSchema) : undefined;
    else node = propertyOf(node, segment);
  }
  return node;
}

/** Every leaf value of `data` with its dotted path (lists of scalars count as one leaf). */
function leaves(data: Json, prefix = ""): [string, Json][] {
  if (isObject(data))
    return Object.entries(data).flatMap(([name, value]) =>
      leaves(value, prefix === "" ? name : `${prefix}.${name}`),
    );
  if (Array.isArray(data) && data.some((item) => isObject(item) || Array.isArray(item)))
    return data.flatMap((item, index) => leaves(item, `${prefix}.${index}`));
  return [[prefix, data]];
}

function hasPath(data: Json, path: string): boolean {
  let node: Json | undefined = data;
  for (const segment of path.split(".")) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}
