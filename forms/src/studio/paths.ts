/**
 * Field paths in the studio: dotted names without list indices (`location.division`, `education.period`),
 * the stable id of a field (FORMAT.md: "a field's path is its stable id"). Items of a list are stepped
 * into implicitly; `[]` and numeric segments are accepted and dropped.
 */
import type { Json, JsonSchema, Logic, UiSchema } from "@shenbao/rules";
import { isObject, StudioError } from "./draft.js";

/** `path` without list indices and `[]` segments: `cases.2.phone` → `cases.phone`. */
export function fieldPath(path: string): string {
  return path
    .split(".")
    .filter((segment) => segment !== "" && segment !== "[]" && !/^\d+$/.test(segment))
    .join(".");
}

/** A schema JSON Pointer (`/properties/education/items/properties/period/…`) as a field path. */
export function fieldPathFromPointer(pointer: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  const names: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    if (parts[index] === "properties" && parts[index + 1] !== undefined) {
      names.push(parts[index + 1] as string);
      index++;
    } else if (parts[index] !== "items") break;
  }
  return names.join(".");
}

export const parentOf = (path: string): string => {
  const dot = path.lastIndexOf(".");
  return dot === -1 ? "" : path.slice(0, dot);
};

export const nameOf = (path: string): string => path.slice(path.lastIndexOf(".") + 1);

/** The object schema holding the fields of `node` (the node itself, or its items for a list). */
export function containerOf(node: JsonSchema | undefined): JsonSchema | undefined {
  if (node === undefined) return undefined;
  const holder = node.type === "array" && isObject(node.items) ? (node.items as JsonSchema) : node;
  return isObject(holder.properties) ? holder : undefined;
}

/** The schema of the field at `path` ("" = the root). */
export function schemaNode(schema: JsonSchema, path: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const name of path === "" ? [] : path.split(".")) {
    const container = containerOf(current);
    const properties = container?.properties;
    current =
      isObject(properties) && Object.hasOwn(properties, name) && isObject(properties[name])
        ? (properties[name] as JsonSchema)
        : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/** The uiSchema object that holds the entries of the fields inside `path`, created when `create`. */
export function uiContainer(
  schema: JsonSchema,
  ui: UiSchema,
  path: string,
  create: boolean,
): UiSchema | undefined {
  let current: UiSchema | undefined = ui;
  let node: JsonSchema | undefined = schema;
  const step = (holder: UiSchema, key: string): UiSchema | undefined => {
    const existing = holder[key];
    if (isObject(existing)) return existing as UiSchema;
    if (!create) return undefined;
    const made: UiSchema = {};
    holder[key] = made as Json;
    return made;
  };
  for (const name of path === "" ? [] : path.split(".")) {
    node = schemaNode(node as JsonSchema, name);
    if (current === undefined || node === undefined) return undefined;
    current = step(current, name);
    if (current !== undefined && node.type === "array") current = step(current, "items");
  }
  return current;
}

/** The uiSchema entry of the field at `path`, created when `create`. */
export function uiEntry(
  schema: JsonSchema,
  ui: UiSchema,
  path: string,
  create: boolean,
): UiSchema | undefined {
  const holder = uiContainer(schema, ui, parentOf(path), create);
  if (holder === undefined) return undefined;
  const name = nameOf(path);
  const existing = holder[name];
  if (isObject(existing)) return existing as UiSchema;
  if (!create) return undefined;
  const made: UiSchema = {};
  holder[name] = made as Json;
  return made;
}

/** Every field path of `schema`, depth first. */
export function allFieldPaths(schema: JsonSchema, prefix = ""): string[] {
  const container = containerOf(schema);
  const properties = container?.properties;
  if (!isObject(properties)) return [];
  const out: string[] = [];
  for (const [name, child] of Object.entries(properties)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    out.push(path);
    if (isObject(child)) out.push(...allFieldPaths(child as JsonSchema, path));
  }
  return out;
}

const ITEM_OPERATORS = new Set(["map", "filter", "all", "none", "some"]);

/**
 * Every `var` path `logic` reads, as full data paths: inside map / filter / all / some / none over a
 * plain `var` list, the item's vars are prefixed with that list's path.
 */
export function logicVars(logic: Logic | undefined, prefix = ""): string[] {
  if (Array.isArray(logic)) return logic.flatMap((child) => logicVars(child, prefix));
  if (!isObject(logic)) return [];
  const out: string[] = [];
  for (const [operator, args] of Object.entries(logic)) {
    if (operator === "var") {
      const name = Array.isArray(args) ? args[0] : args;
      if (typeof name === "string" && name !== "") out.push(prefix === "" ? name : `${prefix}.${name}`);
      continue;
    }
    const list = Array.isArray(args) ? args : [args];
    const source = list[0];
    if (ITEM_OPERATORS.has(operator) && isObject(source) && typeof source.var === "string") {
      const full = prefix === "" ? source.var : `${prefix}.${source.var}`;
      out.push(full);
      for (const child of list.slice(1)) out.push(...logicVars(child, full));
      continue;
    }
    out.push(...logicVars(args as Logic, prefix));
  }
  return out;
}

/** True when `path` is `field` or inside it (both normalized). */
export function within(path: string, field: string): boolean {
  const normal = fieldPath(path);
  return normal === field || normal.startsWith(`${field}.`);
}

/** A field name the studio accepts: ASCII letter first, then letters, digits, `_`. */
export function checkFieldName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name))
    throw new StudioError(
      "invalid_field_name",
      "字段标识只能由英文字母、数字和下划线组成，以字母开头，最长64个字符",
    );
}

/**
 * Where a lint finding (`file` + JSON Pointer `path`) is edited in the studio: a field path of a schema or
 * uiSchema finding, `rule:<id>` for a rules-file finding, undefined for anything else (examples, manifest).
 */
export function focusOfFinding(
  files: Record<string, string>,
  finding: { file: string; path: string },
): string | undefined {
  const parts = finding.path
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  if (finding.file.endsWith(".schema.json")) return fieldPathFromPointer(finding.path) || undefined;
  if (finding.file.endsWith(".ui.json")) {
    const names: string[] = [];
    for (const part of parts) {
      if (part.startsWith("ui:")) break;
      if (part !== "items") names.push(part);
    }
    return names.join(".") || undefined;
  }
  if (finding.file.endsWith(".rules.json")) {
    try {
      const rules = JSON.parse(files[finding.file] ?? "[]") as { id?: unknown }[];
      const id = rules[Number(parts[0])]?.id;
      return typeof id === "string" ? `rule:${id}` : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
