/**
 * What else in the draft names a field: rules (this form's, and other forms' `sections.<key>.…`), the
 * manifest's bindings, and example answers. A field still named by a rule or binding cannot be removed;
 * example answers are cleaned with it.
 */
import type { Json, Logic, Rule } from "@shenbao/rules";
import type { EditionFiles } from "../source.js";
import { isObject, jsonText, readManifest, StudioError, type FormFolder } from "./draft.js";
import { fieldPath, logicVars, within } from "./paths.js";

function rulesOf(files: EditionFiles, file: string): Rule[] {
  try {
    const rules = JSON.parse(files[file] ?? "[]") as unknown;
    return Array.isArray(rules) ? (rules as Rule[]) : [];
  } catch {
    return [];
  }
}

function ruleLogic(rule: Rule): Logic[] {
  return [rule.when, rule.assert, ...Object.values(rule.values ?? {})].filter(
    (logic): logic is Logic => logic !== undefined,
  );
}

/** Field paths of form `ref` that `rule` (a rule of form `owner`) reads or names. */
function namedBy(rule: Rule, ref: FormFolder, own: boolean): string[] {
  const out: string[] = [];
  const base = rule.each;
  if (own) {
    if (base !== undefined) out.push(base);
    for (const field of [...(rule.fields ?? []), ...(rule.field === undefined ? [] : [rule.field])])
      out.push(base === undefined ? field : `${base}.${field}`);
  }
  for (const name of ruleLogic(rule).flatMap((logic) => logicVars(logic))) {
    if (own && name.startsWith("answers.")) out.push(name.slice("answers.".length));
    else if (own && base !== undefined && name.startsWith("item.")) out.push(`${base}.${name.slice(5)}`);
    else if (ref.folder === "sections" && name.startsWith(`sections.${ref.key}.`))
      out.push(name.slice(`sections.${ref.key}.`.length));
  }
  return out.map(fieldPath);
}

/** Who names the field at `path` of form `ref`: rule ids (prefixed with the other form's key) and bindings. */
export function ruleReferences(files: EditionFiles, ref: FormFolder, path: string): string[] {
  const users: string[] = [];
  for (const file of Object.keys(files)) {
    const match = /^(sections|forms)\/([^/]+)\/\2\.rules\.json$/.exec(file);
    if (match === null) continue;
    const own = file === ref.rulesFile;
    for (const rule of rulesOf(files, file)) {
      if (namedBy(rule, ref, own).some((named) => within(named, path)))
        users.push(own ? `规则 ${rule.id}` : `${match[2]} 的规则 ${rule.id}`);
    }
  }
  const bindings = readManifest(files).bindings;
  if (isObject(bindings)) {
    const named: string[] = [];
    const prefill = bindings.identityPrefill;
    if (isObject(prefill) && prefill.section === ref.key && isObject(prefill.fields))
      named.push(...Object.keys(prefill.fields));
    const teachers = bindings.teacherList;
    if (isObject(teachers) && teachers.section === ref.key && typeof teachers.field === "string")
      named.push(teachers.field);
    for (const binding of [bindings.evaluation, bindings.onsite]) {
      if (!isObject(binding) || binding.form !== ref.key) continue;
      for (const [key, value] of Object.entries(binding))
        if (key !== "form" && typeof value === "string") named.push(value);
      for (const name of logicVars(binding as Logic))
        if (name.startsWith("answers.")) named.push(name.slice("answers.".length));
    }
    if (ref.folder === "sections")
      for (const name of logicVars(bindings as Logic))
        if (name.startsWith(`sections.${ref.key}.`)) named.push(name.slice(`sections.${ref.key}.`.length));
    if (named.some((name) => within(name, path) || within(path, fieldPath(name))))
      users.push("manifest.json 的 bindings");
  }
  return users;
}

/** Deletes the value at field path `path` in `data`, in every entry of a list on the way. */
function deleteField(data: Json | undefined, segments: string[]): boolean {
  if (Array.isArray(data)) return data.map((entry) => deleteField(entry, segments)).some(Boolean);
  if (!isObject(data) || segments.length === 0) return false;
  const [head, ...rest] = segments as [string, ...string[]];
  if (!Object.hasOwn(data, head)) return false;
  if (rest.length === 0) {
    delete data[head];
    return true;
  }
  return deleteField(data[head], rest);
}

/**
 * `files` with the values of the removed field `path` of form `ref` taken out of every example, and the
 * expectations about it dropped. Refuses when an invalid example would be left expecting nothing.
 */
export function cleanExamples(files: EditionFiles, ref: FormFolder, path: string): EditionFiles {
  const next: EditionFiles = { ...files };
  const own = `${ref.folder}/${ref.key}/examples/`;
  const segments = path.split(".");
  for (const [file, text] of Object.entries(files)) {
    const isOwn = file.startsWith(own);
    const isExample = /(^|\/)examples\/(valid|invalid)-[^/]*\.json$/.test(file);
    if (!isExample || (!isOwn && ref.folder !== "sections")) continue;
    let data: Json;
    try {
      data = JSON.parse(text) as Json;
    } catch {
      continue;
    }
    if (!isObject(data)) continue;
    let changed = false;
    if (isOwn) changed = deleteField(data.answers, segments) || changed;
    if (ref.folder === "sections" && isObject(data.sections))
      changed = deleteField(data.sections[ref.key], segments) || changed;
    const expect = data.expect;
    if (isObject(expect)) {
      const lists = isOwn
        ? ["errors", "pruned", "hidden", "shown"]
        : file.startsWith("examples/")
          ? ["blockers"]
          : [];
      for (const key of lists) {
        const list = expect[key];
        if (!Array.isArray(list)) continue;
        const kept = list.filter((entry) => {
          if (typeof entry !== "string") return true;
          if (key !== "blockers") return !within(entry, path);
          const [section, at = ""] = entry.split(":");
          return !(section === ref.key && at !== "" && within(at, path));
        });
        if (kept.length !== list.length) {
          changed = true;
          expect[key] = kept;
          if (
            kept.length === 0 &&
            key !== "pruned" &&
            key !== "hidden" &&
            key !== "shown" &&
            /(^|\/)invalid-/.test(file)
          )
            throw new StudioError(
              "example_depends_on_field",
              `示例 ${file} 只检验这个字段，请先修改或删除该示例`,
            );
        }
      }
    }
    if (changed) next[file] = jsonText(data);
  }
  return next;
}
