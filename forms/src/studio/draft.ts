/**
 * The studio's view of one section or form of a draft edition (FORM-2): its three files (schema, uiSchema,
 * rules) read from and written back into the draft's file map. Pure and browser-safe: no I/O, no ajv.
 */
import type { Json, JsonSchema, Rule, UiSchema } from "@shenbao/rules";
import type { EditionFiles } from "../source.js";

/** A refused studio edit: a stable `code` and a Chinese message for the administrator. */
export class StudioError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "StudioError";
  }
}

/** Which folder of the edition an edited file belongs to. */
export interface FormFolder {
  folder: "sections" | "forms";
  key: string;
  schemaFile: string;
  uiFile: string;
  rulesFile: string;
}

/** The section or form folder that `file` (any file inside it, or the folder itself) belongs to. */
export function formFolderOf(file: string): FormFolder | undefined {
  const match = /^(sections|forms)\/([A-Za-z][A-Za-z0-9_-]*)(?:\/|$)/.exec(file);
  if (match === null) return undefined;
  const folder = match[1] as "sections" | "forms";
  const key = match[2] as string;
  const base = `${folder}/${key}/${key}`;
  return {
    folder,
    key,
    schemaFile: `${base}.schema.json`,
    uiFile: `${base}.ui.json`,
    rulesFile: `${base}.rules.json`,
  };
}

/** The parsed files of one section or form. */
export interface FormDraft {
  ref: FormFolder;
  schema: JsonSchema;
  ui: UiSchema;
  rules: Rule[];
}

export const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parse(files: EditionFiles, file: string, fallback: Json): Json {
  const text = files[file];
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new StudioError("invalid_json", `${file} 不是有效的 JSON，请先在代码视图中修正`);
  }
}

/** Reads the section or form that `file` belongs to; throws a StudioError when it cannot be edited. */
export function readForm(files: EditionFiles, file: string): FormDraft {
  const ref = formFolderOf(file);
  if (ref === undefined) throw new StudioError("not_a_form", `${file} 不属于任何栏目或表单`);
  if (files[ref.schemaFile] === undefined) throw new StudioError("not_a_form", `${ref.schemaFile} 不存在`);
  const schema = parse(files, ref.schemaFile, {});
  const ui = parse(files, ref.uiFile, {});
  const rules = parse(files, ref.rulesFile, []);
  if (!isObject(schema) || !isObject(schema.properties))
    throw new StudioError("invalid_schema", `${ref.schemaFile} 应为含 properties 的对象`);
  if (!isObject(ui)) throw new StudioError("invalid_ui", `${ref.uiFile} 应为对象`);
  if (!Array.isArray(rules)) throw new StudioError("invalid_rules", `${ref.rulesFile} 应为数组`);
  return { ref, schema: schema as JsonSchema, ui: ui as UiSchema, rules: rules as unknown as Rule[] };
}

/** JSON text as the edition files are written: two spaces, a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `files` with the draft's three files replaced by `draft` (only those whose content changed). */
export function writeForm(files: EditionFiles, draft: FormDraft): EditionFiles {
  const next: EditionFiles = { ...files };
  const put = (file: string, value: unknown) => {
    const before = files[file];
    let same = false;
    if (before !== undefined) {
      try {
        same = JSON.stringify(JSON.parse(before)) === JSON.stringify(value);
      } catch {
        same = false;
      }
    }
    if (!same) next[file] = jsonText(value);
  };
  put(draft.ref.schemaFile, draft.schema);
  put(draft.ref.uiFile, draft.ui);
  put(draft.ref.rulesFile, draft.rules);
  return next;
}

/** The manifest of the draft, parsed (an object, else a StudioError). */
export function readManifest(files: EditionFiles): { [key: string]: Json } {
  const manifest = parse(files, "manifest.json", {});
  if (!isObject(manifest)) throw new StudioError("invalid_manifest", "manifest.json 应为对象");
  return manifest;
}

export const clone = <T>(value: T): T => structuredClone(value);
