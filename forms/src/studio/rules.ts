/**
 * Rule edits of the form studio (FORM-2, FORM-5): add, change and remove the rules of a section or form,
 * checked against the closed vocabulary of effects before they are written; and the fields a condition can
 * read (this form's answers, the candidate type, other sections' answers) for the visual condition builder.
 */
import { isKnownOperator, type Json, type JsonSchema, type Logic, type Rule } from "@shenbao/rules";
import type { EditionFiles } from "../source.js";
import { isObject, readForm, readManifest, StudioError, writeForm, type FormDraft } from "./draft.js";
import { kindOf, type FieldKind } from "./fields.js";
import { allFieldPaths, containerOf, schemaNode, uiEntry } from "./paths.js";

export const RULE_EFFECTS = ["show", "require", "check", "hint"] as const;

/** The rules of the section or form `file` belongs to. */
export function listRules(files: EditionFiles, file: string): Rule[] {
  return readForm(files, file).rules;
}

function unknownOperators(logic: Logic | undefined, out: string[] = []): string[] {
  if (Array.isArray(logic)) logic.forEach((child) => unknownOperators(child, out));
  else if (isObject(logic))
    for (const [operator, args] of Object.entries(logic)) {
      if (!isKnownOperator(operator)) out.push(operator);
      unknownOperators(args as Logic, out);
    }
  return out;
}

function checkRule(draft: FormDraft, rule: Rule, index: number | undefined): Rule {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(rule.id ?? ""))
    throw new StudioError("invalid_rule_id", "规则标识只能由英文字母、数字、下划线和连字符组成，以字母开头");
  if (draft.rules.some((other, at) => at !== index && other.id === rule.id))
    throw new StudioError("duplicate_rule_id", `规则标识「${rule.id}」已存在`);
  if (!(RULE_EFFECTS as readonly string[]).includes(rule.effect))
    throw new StudioError("invalid_effect", "规则作用应为显示、必填、校验或提示之一");
  let target: JsonSchema = draft.schema;
  if (rule.each !== undefined && rule.each !== "") {
    const list = schemaNode(draft.schema, rule.each);
    const items = list?.type === "array" ? containerOf(list) : undefined;
    if (items === undefined) throw new StudioError("invalid_each", `「${rule.each}」不是本栏目的列表字段`);
    target = items;
  }
  const exists = (path: string) => schemaNode(target, path) !== undefined;
  const clean: Rule = { id: rule.id, effect: rule.effect };
  if (rule.description !== undefined && rule.description.trim() !== "") clean.description = rule.description;
  if (rule.each !== undefined && rule.each !== "") clean.each = rule.each;
  if (rule.when !== undefined) clean.when = rule.when;
  const bad = [...unknownOperators(rule.when), ...unknownOperators(rule.assert)];
  for (const logic of Object.values(rule.values ?? {})) bad.push(...unknownOperators(logic));
  if (bad.length > 0)
    throw new StudioError("unknown_operator", `未知的运算符：${[...new Set(bad)].join("、")}`);
  if (rule.effect === "show" || rule.effect === "require") {
    const fields = (rule.fields ?? []).filter((field) => field !== "");
    if (fields.length === 0) throw new StudioError("missing_fields", "请选择规则作用的字段");
    const missing = fields.filter((field) => !exists(field));
    if (missing.length > 0) throw new StudioError("unknown_field", `字段不存在：${missing.join("、")}`);
    if (rule.effect === "show") {
      const required = fields.filter((field) => {
        const dot = field.lastIndexOf(".");
        const parent = containerOf(schemaNode(target, dot === -1 ? "" : field.slice(0, dot)));
        return Array.isArray(parent?.required) && parent.required.includes(field.slice(dot + 1));
      });
      if (required.length > 0)
        throw new StudioError(
          "hidden_field_required",
          `可被隐藏的字段不能是固定必填，请先取消它们的必填（可另加「必填」规则）：${required.join("、")}`,
        );
    }
    clean.fields = fields;
  } else {
    if (rule.field === undefined || !exists(rule.field))
      throw new StudioError("unknown_field", "请选择显示消息的字段");
    if (rule.message === undefined || rule.message.trim() === "")
      throw new StudioError("missing_message", "请填写消息");
    clean.field = rule.field;
    if (rule.effect === "check") {
      if (rule.assert === undefined) throw new StudioError("missing_assert", "请填写校验条件");
      clean.assert = rule.assert;
    } else if (rule.values !== undefined && Object.keys(rule.values).length > 0) clean.values = rule.values;
    clean.message = rule.message;
  }
  return clean;
}

/** Adds `rule` at the end of the form's rules. */
export function addRule(files: EditionFiles, file: string, rule: Rule): EditionFiles {
  const draft = readForm(files, file);
  draft.rules.push(checkRule(draft, rule, undefined));
  return writeForm(files, draft);
}

/** Replaces the rule at `index`. */
export function updateRule(files: EditionFiles, file: string, index: number, rule: Rule): EditionFiles {
  const draft = readForm(files, file);
  if (draft.rules[index] === undefined) throw new StudioError("rule_not_found", "规则不存在");
  draft.rules[index] = checkRule(draft, rule, index);
  return writeForm(files, draft);
}

/** Removes the rule at `index`. */
export function removeRule(files: EditionFiles, file: string, index: number): EditionFiles {
  const draft = readForm(files, file);
  if (draft.rules[index] === undefined) throw new StudioError("rule_not_found", "规则不存在");
  draft.rules.splice(index, 1);
  return writeForm(files, draft);
}

/** A field a condition can read. */
export interface ConditionField {
  /** The json-logic `var` path: `candidateType`, `answers.<path>`, `item.<path>`, `sections.<key>.<path>`. */
  name: string;
  /** Who reads it: the form's title (or the candidate-type title) and the field's title. */
  label: string;
  /** The group it is listed under: this form, another section, the candidate. */
  group: string;
  kind: FieldKind | "candidateType" | "boolean";
  /** Choices with their values as written in json-logic. */
  values?: { value: Json; label: string }[];
  /** A list's item fields, named relative to an item (`role`), as `filter` / `map` over the list read them. */
  items?: ConditionField[];
}

function catalogValues(files: EditionFiles, id: string): { value: Json; label: string }[] | undefined {
  try {
    const catalog = JSON.parse(files[`catalogs/${id}.json`] ?? "") as {
      items?: { value: string; label: string; children?: unknown }[];
    };
    const items = catalog.items ?? [];
    if (items.some((item) => item.children !== undefined) || items.length > 200) return undefined;
    return items.map((item) => ({ value: item.value, label: item.label }));
  } catch {
    return undefined;
  }
}

function fieldsOf(
  files: EditionFiles,
  draft: FormDraft,
  prefix: string,
  group: string,
  root = "",
): ConditionField[] {
  const base = schemaNode(draft.schema, root);
  if (base === undefined) return [];
  return allFieldPaths(base).map((relative) => {
    const path = root === "" ? relative : `${root}.${relative}`;
    const node = schemaNode(draft.schema, path) as JsonSchema;
    const kind = kindOf(node, uiEntry(draft.schema, draft.ui, path, false));
    const titles: string[] = [];
    let at = "";
    for (const name of relative.split(".")) {
      at = at === "" ? name : `${at}.${name}`;
      const step = schemaNode(base, at);
      titles.push(typeof step?.title === "string" ? step.title : name);
    }
    // A list of records is a list to a condition whatever draws it (the teacher list has its own widget).
    const isList = node.type === "array" && isObject(node.items) && node.items.type === "object";
    const field: ConditionField = {
      name: `${prefix}${relative}`,
      label: titles.join(" · "),
      group,
      kind: isList ? "list" : node.type === "boolean" && kind === "other" ? "boolean" : kind,
    };
    const choice = kind === "multiChoice" && isObject(node.items) ? (node.items as JsonSchema) : node;
    if (Array.isArray(choice.oneOf))
      field.values = choice.oneOf.filter(isObject).map((option) => ({
        value: option.const as Json,
        label: typeof option.title === "string" ? option.title : String(option.const),
      }));
    else if (typeof choice["x-catalog"] === "string") {
      const values = catalogValues(files, choice["x-catalog"]);
      if (values !== undefined) field.values = values;
    } else if (node.type === "boolean")
      field.values = [
        { value: true, label: "是" },
        { value: false, label: "否" },
      ];
    if (isList) field.items = fieldsOf(files, draft, "", group, path);
    return field;
  });
}

/**
 * The fields a condition of form `file` can read: the candidate type, this form's fields (`answers.…`, or
 * `item.…` of the list a rule runs over with `each`), and every other section's fields (`sections.<key>.…`).
 */
export function conditionFields(files: EditionFiles, file: string, each?: string): ConditionField[] {
  const draft = readForm(files, file);
  const manifest = readManifest(files);
  const out: ConditionField[] = [];
  const typeTitle =
    typeof manifest.candidateTypeTitle === "string" ? manifest.candidateTypeTitle : "candidateType";
  out.push({
    name: "candidateType",
    label: typeTitle,
    group: typeTitle,
    kind: "candidateType",
    values: (Array.isArray(manifest.candidateTypes) ? manifest.candidateTypes : [])
      .filter(isObject)
      .map((type) => ({ value: type.value as Json, label: String(type.label) })),
  });
  const sections = Array.isArray(manifest.sections) ? manifest.sections.filter(isObject) : [];
  const forms = Array.isArray(manifest.forms) ? manifest.forms.filter(isObject) : [];
  const own = [...sections, ...forms].find((entry) => entry.key === draft.ref.key);
  const ownTitle = typeof own?.title === "string" ? own.title : draft.ref.key;
  if (each !== undefined && each !== "") out.push(...fieldsOf(files, draft, "item.", ownTitle, each));
  out.push(...fieldsOf(files, draft, "answers.", ownTitle));
  for (const section of sections) {
    if (section.key === draft.ref.key || typeof section.key !== "string") continue;
    try {
      const other = readForm(files, `sections/${section.key}`);
      out.push(...fieldsOf(files, other, `sections.${section.key}.`, String(section.title ?? section.key)));
    } catch {
      // A section whose files are broken offers no fields.
    }
  }
  return out;
}
