/**
 * Stable field ids (FORM-4): a field's path is its id, applications migrate by it, so a name is never
 * reused for another field. The draft keeps the ids it removed in the manifest's `retiredFields`
 * (`{ "<section or form key>": ["<path>", …] }`), copied along into next year's edition; the linter refuses a
 * retired id that appears again.
 */
import type { Json } from "@shenbao/rules";
import type { EditionFiles } from "../source.js";
import { isObject, jsonText, readForm, readManifest, type FormFolder } from "./draft.js";
import { allFieldPaths } from "./paths.js";

/** The retired field ids of the section or form `key` in `files`. */
export function retiredFields(files: EditionFiles, key: string): string[] {
  const record = readManifest(files).retiredFields;
  const list = isObject(record) ? record[key] : undefined;
  return Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === "string") : [];
}

function pathsOf(files: EditionFiles, ref: FormFolder): string[] {
  try {
    return allFieldPaths(readForm(files, ref.schemaFile).schema);
  } catch {
    return [];
  }
}

/**
 * Why `path` cannot be a new field of form `ref` (a Chinese sentence), or undefined when it is free:
 * it exists now, was removed earlier (in this draft or a version before), or exists in `baseline` (the
 * version the draft was copied from).
 */
export function takenReason(
  files: EditionFiles,
  ref: FormFolder,
  path: string,
  baseline?: EditionFiles,
): string | undefined {
  if (pathsOf(files, ref).includes(path)) return `字段标识「${path}」已存在，请换一个`;
  if (retiredFields(files, ref.key).includes(path))
    return `字段标识「${path}」曾被删除，字段标识永不复用，请换一个`;
  if (baseline !== undefined) {
    if (pathsOf(baseline, ref).includes(path) || retiredFields(baseline, ref.key).includes(path))
      return `字段标识「${path}」在复制来源的版本中用过，字段标识永不复用，请换一个`;
  }
  return undefined;
}

/** `files` with `path` recorded as a retired id of form `key` in manifest.json. */
export function recordRetired(files: EditionFiles, key: string, path: string): EditionFiles {
  const manifest = readManifest(files);
  const record = isObject(manifest.retiredFields) ? { ...manifest.retiredFields } : {};
  const list = Array.isArray(record[key]) ? [...(record[key] as Json[])] : [];
  if (list.includes(path)) return files;
  list.push(path);
  record[key] = list;
  return { ...files, "manifest.json": jsonText({ ...manifest, retiredFields: record }) };
}
