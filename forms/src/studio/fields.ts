/**
 * Field edits of the form studio (FORM-2): list a section's or form's field tree, add a field of a common
 * kind written the way the shipped editions write it, remove, reorder (`ui:order`), and change labels,
 * required, bounds, options and attachment limits. Every edit returns the whole new file map; an edit that
 * would break the edition or reuse a field id is refused with a StudioError (Chinese message).
 */
import { ATTACHMENT_FORMAT, type Json, type JsonSchema, type Rule, type UiSchema } from "@shenbao/rules";
import type { EditionFiles } from "../source.js";
import { isObject, readForm, readManifest, StudioError, writeForm, type FormDraft } from "./draft.js";
import { checkFieldName, containerOf, nameOf, parentOf, schemaNode, uiContainer, uiEntry } from "./paths.js";
import { cleanExamples, ruleReferences } from "./references.js";
import { recordRetired, takenReason } from "./stableIds.js";

/** The field kinds the property panel knows; anything else is `other` (edited in the code view). */
export const FIELD_KINDS = [
  "text",
  "textarea",
  "number",
  "date",
  "dateRange",
  "choice",
  "multiChoice",
  "attachment",
  "list",
  "division",
  "group",
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number] | "other";

/** A choice as the schema writes it: a stable ASCII value and its Chinese label. */
export interface ChoiceOption {
  value: string | number | boolean;
  title: string;
}

/** What the attachment widget accepts. */
export interface AttachmentLimits {
  accept: string[];
  maxBytes: number;
  maxCount: number;
  minCount?: number;
}

/** One node of the field tree. */
export interface FieldNode {
  path: string;
  name: string;
  title: string;
  kind: FieldKind;
  required: boolean;
  children: FieldNode[];
}

/** Everything the property panel shows for one field. */
export interface FieldInfo {
  path: string;
  name: string;
  kind: FieldKind;
  title: string;
  help: string;
  placeholder: string;
  required: boolean;
  /** Ids of the `show` rules that can hide the field (it then cannot be statically required). */
  shownBy: string[];
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  integer?: boolean;
  catalog?: string;
  options?: ChoiceOption[];
  attachment?: AttachmentLimits;
  rows?: number;
}

/** A change to a field; omitted keys stay as they are, `""` / null removes an optional text or bound. */
export interface FieldPatch {
  title?: string;
  help?: string;
  placeholder?: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number | null;
  maxItems?: number;
  minItems?: number | null;
  minimum?: number | null;
  maximum?: number | null;
  integer?: boolean;
  /** Choice fields: take the options from this catalog … */
  catalog?: string;
  /** … or from this inline list. */
  options?: ChoiceOption[];
  attachment?: AttachmentLimits;
  rows?: number | null;
}

/** A field to add. */
export interface NewField {
  kind: (typeof FIELD_KINDS)[number];
  /** The field's stable id (ASCII); never reused once removed. */
  name: string;
  title: string;
  /** Path of the group or list to add into; "" or absent = the section itself. */
  parent?: string;
  catalog?: string;
  options?: ChoiceOption[];
}

const DEFAULT_ATTACHMENT: AttachmentLimits = {
  accept: ["image/jpeg", "image/png", "application/pdf"],
  maxBytes: 10 * 1024 * 1024,
  maxCount: 1,
};
const DEFAULT_LIMITS = {
  text: 100,
  textarea: 2000,
  list: 20,
  catalogValue: 64,
  smallChoice: 32,
  date: 10,
  attachmentId: 64,
};

/** The kind of the field `node` with uiSchema entry `ui`. */
export function kindOf(node: JsonSchema, ui: UiSchema | undefined): FieldKind {
  const field = ui?.["ui:field"];
  const widget = ui?.["ui:widget"];
  if (field === "division") return "division";
  if (field === "dateRange") return "dateRange";
  if (field !== undefined) return "other";
  if (node.format === ATTACHMENT_FORMAT) return "attachment";
  const items = isObject(node.items) ? (node.items as JsonSchema) : undefined;
  if (node.type === "array") {
    if (items?.format === ATTACHMENT_FORMAT) return "attachment";
    if (items?.type === "object") return "list";
    if (items !== undefined && ("x-catalog" in items || "oneOf" in items || "enum" in items))
      return "multiChoice";
    return "other";
  }
  if (node.type === "object") return "group";
  if (widget === "hidden" || widget === "signature") return "other";
  if ("x-catalog" in node || Array.isArray(node.oneOf) || Array.isArray(node.enum)) return "choice";
  if (node.type === "integer" || node.type === "number") return "number";
  if (node.type === "string" && node.format === "date") return "date";
  if (node.type === "string" && node.format === undefined) return widget === "textarea" ? "textarea" : "text";
  return "other";
}

function orderedNames(container: JsonSchema, ui: UiSchema | undefined): string[] {
  const names = Object.keys(isObject(container.properties) ? container.properties : {});
  const order = Array.isArray(ui?.["ui:order"]) ? (ui["ui:order"] as Json[]) : [];
  const first = order.filter((name): name is string => typeof name === "string" && names.includes(name));
  return [...first, ...names.filter((name) => !first.includes(name))];
}

function isRequired(schema: JsonSchema, path: string): boolean {
  const container = containerOf(schemaNode(schema, parentOf(path)));
  return Array.isArray(container?.required) && container.required.includes(nameOf(path));
}

/** The field tree of the section or form `file` belongs to, in display order. */
export function fieldTree(files: EditionFiles, file: string): FieldNode[] {
  const { schema, ui } = readForm(files, file);
  const walk = (path: string): FieldNode[] => {
    const container = containerOf(schemaNode(schema, path));
    if (container === undefined) return [];
    const holder = uiContainer(schema, ui, path, false);
    return orderedNames(container, holder).map((name) => {
      const child = `${path === "" ? "" : `${path}.`}${name}`;
      const node = schemaNode(schema, child) as JsonSchema;
      const entry = uiEntry(schema, ui, child, false);
      const kind = kindOf(node, entry);
      return {
        path: child,
        name,
        title: typeof node.title === "string" ? node.title : name,
        kind,
        required: isRequired(schema, child),
        children: kind === "list" || kind === "group" ? walk(child) : [],
      };
    });
  };
  return walk("");
}

/** Ids of `show` rules naming `path`. */
function showRules(rules: Rule[], path: string): string[] {
  return rules
    .filter((rule) => rule.effect === "show")
    .filter((rule) =>
      (rule.fields ?? []).some((field) => (rule.each ? `${rule.each}.${field}` : field) === path),
    )
    .map((rule) => rule.id);
}

function choiceOptions(node: JsonSchema): ChoiceOption[] | undefined {
  if (Array.isArray(node.oneOf))
    return node.oneOf.filter(isObject).map((option) => ({
      value: option.const as string,
      title: typeof option.title === "string" ? option.title : String(option.const),
    }));
  if (Array.isArray(node.enum))
    return node.enum.map((value) => ({ value: value as string, title: String(value) }));
  return undefined;
}

function requireField(draft: FormDraft, path: string): JsonSchema {
  const node = schemaNode(draft.schema, path);
  if (node === undefined || path === "") throw new StudioError("field_not_found", `字段「${path}」不存在`);
  return node;
}

/** What the property panel shows for the field at `path`. */
export function fieldInfo(files: EditionFiles, file: string, path: string): FieldInfo {
  const draft = readForm(files, file);
  const node = requireField(draft, path);
  const ui = uiEntry(draft.schema, draft.ui, path, false) ?? {};
  const kind = kindOf(node, ui);
  const options = isObject(ui["ui:options"]) ? ui["ui:options"] : {};
  const items = isObject(node.items) ? (node.items as JsonSchema) : undefined;
  const choiceNode = kind === "multiChoice" && items !== undefined ? items : node;
  const info: FieldInfo = {
    path,
    name: nameOf(path),
    kind,
    title: typeof node.title === "string" ? node.title : "",
    help: typeof ui["ui:help"] === "string" ? ui["ui:help"] : "",
    placeholder: typeof ui["ui:placeholder"] === "string" ? ui["ui:placeholder"] : "",
    required: isRequired(draft.schema, path),
    shownBy: showRules(draft.rules, path),
  };
  const number = (value: Json | undefined) => (typeof value === "number" ? value : undefined);
  const set = <K extends keyof FieldInfo>(key: K, value: FieldInfo[K] | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  set("maxLength", number(node.maxLength));
  set("minLength", number(node.minLength));
  set("maxItems", number(node.maxItems));
  set("minItems", number(node.minItems));
  set("minimum", number(node.minimum));
  set("maximum", number(node.maximum));
  if (kind === "number") info.integer = node.type === "integer";
  if (kind === "choice" || kind === "multiChoice" || kind === "division") {
    const catalog = choiceNode["x-catalog"];
    if (typeof catalog === "string") info.catalog = catalog;
    else set("options", choiceOptions(choiceNode));
  }
  if (kind === "attachment") {
    const limits: AttachmentLimits = {
      accept: Array.isArray(options.accept) ? options.accept.map(String) : [],
      maxBytes: number(options.maxBytes) ?? DEFAULT_ATTACHMENT.maxBytes,
      maxCount: number(options.maxCount) ?? (node.type === "array" ? (number(node.maxItems) ?? 1) : 1),
    };
    const min = number(node.minItems);
    if (min !== undefined) limits.minCount = min;
    info.attachment = limits;
  }
  if (kind === "textarea") set("rows", number(options.rows));
  return info;
}

/** Conventions of the draft itself: the first attachment's limits, a date range's part titles, divisions. */
function conventions(files: EditionFiles) {
  let attachment: AttachmentLimits | undefined;
  let rangeParts: { start: JsonSchema; end: JsonSchema } | undefined;
  let levels: Json | undefined;
  let divisionCatalog: string | undefined;
  const manifest = readManifest(files);
  const bindings = isObject(manifest.bindings) ? manifest.bindings : {};
  if (typeof bindings.divisions === "string") divisionCatalog = bindings.divisions;
  const visit = (ui: Json, schema: JsonSchema | undefined) => {
    if (!isObject(ui)) return;
    const options = isObject(ui["ui:options"]) ? ui["ui:options"] : {};
    if (attachment === undefined && ui["ui:widget"] === "attachment" && Array.isArray(options.accept))
      attachment = {
        accept: options.accept.map(String),
        maxBytes: typeof options.maxBytes === "number" ? options.maxBytes : DEFAULT_ATTACHMENT.maxBytes,
        maxCount: 1,
      };
    if (ui["ui:field"] === "division") {
      levels ??= options.levels;
      if (typeof options.catalog === "string") divisionCatalog ??= options.catalog;
    }
    if (ui["ui:field"] === "dateRange" && rangeParts === undefined && schema !== undefined) {
      const start = schemaNode(schema, "start");
      const end = schemaNode(schema, "end");
      if (start !== undefined && end !== undefined) rangeParts = { start, end };
    }
    for (const [key, child] of Object.entries(ui)) {
      if (key.startsWith("ui:")) continue;
      const childSchema =
        schema === undefined
          ? undefined
          : key === "items" && isObject(schema.items)
            ? (schema.items as JsonSchema)
            : schemaNode(schema, key);
      visit(child, childSchema);
    }
  };
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith(".ui.json")) continue;
    try {
      const schemaText = files[file.replace(/\.ui\.json$/, ".schema.json")];
      visit(JSON.parse(text) as Json, schemaText ? (JSON.parse(schemaText) as JsonSchema) : undefined);
    } catch {
      // A broken file of another form gives no conventions.
    }
  }
  return { attachment, rangeParts, levels, divisionCatalog };
}

function catalogIds(files: EditionFiles): string[] {
  const manifest = readManifest(files);
  return Array.isArray(manifest.catalogs) ? manifest.catalogs.filter((id) => typeof id === "string") : [];
}

function checkCatalog(files: EditionFiles, catalog: string): void {
  if (!catalogIds(files).includes(catalog))
    throw new StudioError("unknown_catalog", `选项清单「${catalog}」不存在`);
}

function checkOptions(options: ChoiceOption[]): void {
  if (options.length === 0) throw new StudioError("no_options", "至少需要一个选项");
  const seen = new Set<string>();
  for (const option of options) {
    if (typeof option.value === "string" && !/^[A-Za-z0-9_-]{1,64}$/.test(option.value))
      throw new StudioError("invalid_option_value", "选项值只能由英文字母、数字、下划线和连字符组成");
    if (option.title.trim() === "") throw new StudioError("invalid_option_title", "每个选项都需要名称");
    const key = JSON.stringify(option.value);
    if (seen.has(key)) throw new StudioError("duplicate_option", `选项值「${String(option.value)}」重复`);
    seen.add(key);
  }
}

const oneOf = (options: ChoiceOption[]): Json[] =>
  options.map((option) => ({ const: option.value, title: option.title }));

/** Schema and uiSchema of a new field of `spec.kind`. */
function template(files: EditionFiles, spec: NewField): { schema: JsonSchema; ui: UiSchema } {
  const title = spec.title.trim();
  const { attachment, rangeParts, levels, divisionCatalog } = conventions(files);
  const inline = spec.options ?? [
    { value: "option1", title: "选项1" },
    { value: "option2", title: "选项2" },
  ];
  switch (spec.kind) {
    case "text":
      return { schema: { type: "string", title, maxLength: DEFAULT_LIMITS.text }, ui: {} };
    case "textarea":
      return {
        schema: { type: "string", title, maxLength: DEFAULT_LIMITS.textarea },
        ui: { "ui:widget": "textarea" },
      };
    case "number":
      return {
        schema: { type: "integer", title, minimum: 0, maximum: 10_000_000 },
        ui: { "ui:widget": "updown" },
      };
    case "date":
      return {
        schema: { type: "string", title, format: "date", maxLength: DEFAULT_LIMITS.date },
        ui: { "ui:widget": "date" },
      };
    case "dateRange": {
      const part = (fallback: string, existing: JsonSchema | undefined): JsonSchema => ({
        type: "string",
        title: typeof existing?.title === "string" ? existing.title : fallback,
        format: "date",
        maxLength: DEFAULT_LIMITS.date,
      });
      return {
        schema: {
          type: "object",
          title,
          additionalProperties: false,
          required: ["start", "end"],
          properties: { start: part("开始", rangeParts?.start), end: part("结束", rangeParts?.end) },
        },
        ui: { "ui:field": "dateRange" },
      };
    }
    case "choice":
      if (spec.catalog !== undefined) {
        checkCatalog(files, spec.catalog);
        return {
          schema: {
            type: "string",
            title,
            "x-catalog": spec.catalog,
            maxLength: DEFAULT_LIMITS.catalogValue,
          },
          ui: { "ui:widget": "catalogSelect", "ui:options": { catalog: spec.catalog, search: true } },
        };
      }
      checkOptions(inline);
      return {
        schema: { type: "string", title, maxLength: DEFAULT_LIMITS.smallChoice, oneOf: oneOf(inline) },
        ui: { "ui:widget": "radio" },
      };
    case "multiChoice": {
      let items: JsonSchema;
      if (spec.catalog !== undefined) {
        checkCatalog(files, spec.catalog);
        items = { type: "string", "x-catalog": spec.catalog, maxLength: DEFAULT_LIMITS.catalogValue };
      } else {
        checkOptions(inline);
        items = { type: "string", maxLength: DEFAULT_LIMITS.smallChoice, oneOf: oneOf(inline) };
      }
      return {
        schema: { type: "array", title, maxItems: DEFAULT_LIMITS.list, uniqueItems: true, items },
        ui: { "ui:widget": "checkboxes" },
      };
    }
    case "attachment": {
      const limits = { ...(attachment ?? DEFAULT_ATTACHMENT), maxCount: 1 };
      return {
        schema: { type: "string", title, format: ATTACHMENT_FORMAT, maxLength: DEFAULT_LIMITS.attachmentId },
        ui: { "ui:widget": "attachment", "ui:options": limits as unknown as Json },
      };
    }
    case "list":
      return {
        schema: {
          type: "array",
          title,
          maxItems: DEFAULT_LIMITS.list,
          items: { type: "object", title, additionalProperties: false, properties: {} },
        },
        ui: { "ui:options": { addable: true, removable: true, orderable: false } },
      };
    case "division": {
      const catalog = spec.catalog ?? divisionCatalog;
      if (catalog === undefined)
        throw new StudioError("no_division_catalog", "本版本没有地区清单，无法添加地区选择字段");
      checkCatalog(files, catalog);
      return {
        schema: { type: "string", title, "x-catalog": catalog, maxLength: DEFAULT_LIMITS.catalogValue },
        ui: {
          "ui:field": "division",
          "ui:options": { catalog, levels: levels ?? ["province", "city", "county"] },
        },
      };
    }
    case "group":
      return {
        schema: { type: "object", title, additionalProperties: false, properties: {} },
        ui: {},
      };
  }
}

/** Appends `name` to the `ui:order` of `holder` (created from `names` when absent), before a `*`. */
function appendOrder(holder: UiSchema, names: string[], name: string): void {
  const order = Array.isArray(holder["ui:order"]) ? [...(holder["ui:order"] as Json[])] : [...names];
  const star = order.indexOf("*");
  if (star === -1) order.push(name);
  else order.splice(star, 0, name);
  holder["ui:order"] = order;
}

/**
 * Adds a field (optional; toggle 必填 afterwards). `baseline` is the published version the draft was
 * copied from, when known: its field ids are refused too.
 */
export function addField(
  files: EditionFiles,
  file: string,
  spec: NewField,
  baseline?: EditionFiles,
): EditionFiles {
  const draft = readForm(files, file);
  const parent = spec.parent ?? "";
  checkFieldName(spec.name);
  if (spec.title.trim() === "") throw new StudioError("missing_title", "请填写字段标题");
  const container = containerOf(schemaNode(draft.schema, parent));
  if (container === undefined || !isObject(container.properties))
    throw new StudioError("not_a_group", "只能在栏目、分组或列表中添加字段");
  const path = parent === "" ? spec.name : `${parent}.${spec.name}`;
  const taken = takenReason(files, draft.ref, path, baseline);
  if (taken !== undefined) throw new StudioError("field_id_taken", taken);
  const made = template(files, spec);
  const names = Object.keys(container.properties);
  container.properties[spec.name] = made.schema as Json;
  const holder = uiContainer(draft.schema, draft.ui, parent, true) as UiSchema;
  if (Object.keys(made.ui).length > 0) holder[spec.name] = made.ui as Json;
  appendOrder(holder, names, spec.name);
  return writeForm(files, draft);
}

/** Moves the field at `path` to position `to` among its siblings (written as the parent's `ui:order`). */
export function moveField(files: EditionFiles, file: string, path: string, to: number): EditionFiles {
  const draft = readForm(files, file);
  requireField(draft, path);
  const parent = parentOf(path);
  const container = containerOf(schemaNode(draft.schema, parent)) as JsonSchema;
  const holder = uiContainer(draft.schema, draft.ui, parent, true) as UiSchema;
  const names = orderedNames(container, holder);
  const name = nameOf(path);
  const from = names.indexOf(name);
  names.splice(from, 1);
  names.splice(Math.max(0, Math.min(to, names.length)), 0, name);
  const star = Array.isArray(holder["ui:order"]) && holder["ui:order"].includes("*");
  holder["ui:order"] = star ? [...names, "*"] : names;
  return writeForm(files, draft);
}

/** Removes a field, its uiSchema entry and its example values; its id is recorded as never to be reused. */
export function removeField(files: EditionFiles, file: string, path: string): EditionFiles {
  const draft = readForm(files, file);
  requireField(draft, path);
  const users = ruleReferences(files, draft.ref, path);
  if (users.length > 0)
    throw new StudioError(
      "field_in_use",
      `字段「${path}」被以下规则或设置使用，请先修改它们：${users.join("、")}`,
    );
  const parent = parentOf(path);
  const name = nameOf(path);
  const container = containerOf(schemaNode(draft.schema, parent)) as JsonSchema;
  delete (container.properties as Record<string, Json>)[name];
  if (Array.isArray(container.required)) {
    container.required = container.required.filter((entry) => entry !== name);
    if (container.required.length === 0) delete container.required;
  }
  const holder = uiContainer(draft.schema, draft.ui, parent, false);
  if (holder !== undefined) {
    delete holder[name];
    if (Array.isArray(holder["ui:order"]))
      holder["ui:order"] = holder["ui:order"].filter((entry) => entry !== name);
  }
  const next = cleanExamples(writeForm(files, draft), draft.ref, path);
  return recordRetired(next, draft.ref.key, path);
}

function positive(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw new StudioError("invalid_bound", `${what}应为正整数`);
  return value;
}

/** Changes the properties of the field at `path`. */
export function updateField(
  files: EditionFiles,
  file: string,
  path: string,
  patch: FieldPatch,
): EditionFiles {
  const draft = readForm(files, file);
  const node = requireField(draft, path);
  const ui = uiEntry(draft.schema, draft.ui, path, true) as UiSchema;
  const kind = kindOf(node, ui);
  const items = isObject(node.items) ? (node.items as JsonSchema) : undefined;
  const setUi = (key: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value.trim() === "") delete ui[key];
    else ui[key] = value;
  };
  if (patch.title !== undefined) {
    if (patch.title.trim() === "") throw new StudioError("missing_title", "字段标题不能为空");
    node.title = patch.title.trim();
    // A list's entries are cards titled like the list (FORMAT.md): keep them in step.
    if (kind === "list" && items !== undefined) items.title = patch.title.trim();
  }
  setUi("ui:help", patch.help);
  setUi("ui:placeholder", patch.placeholder);
  if (patch.required !== undefined) setRequired(draft, path, node, patch.required);
  const maxLength = positive(patch.maxLength, "长度上限");
  if (maxLength !== undefined) {
    if (node.type !== "string") throw new StudioError("invalid_bound", "只有文字字段有长度上限");
    node.maxLength = maxLength;
  }
  if (patch.minLength !== undefined) {
    if (patch.minLength === null) delete node.minLength;
    else node.minLength = positive(patch.minLength, "长度下限") as number;
  }
  const maxItems = positive(patch.maxItems, "数量上限");
  if (maxItems !== undefined) {
    if (node.type !== "array") throw new StudioError("invalid_bound", "只有列表有数量上限");
    node.maxItems = maxItems;
  }
  if (patch.minItems !== undefined) {
    if (patch.minItems === null) delete node.minItems;
    else node.minItems = positive(patch.minItems, "数量下限") as number;
  }
  for (const key of ["minimum", "maximum"] as const) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null) delete node[key];
    else if (!Number.isFinite(value)) throw new StudioError("invalid_bound", "数值范围应为数字");
    else node[key] = value;
  }
  if (patch.integer !== undefined && kind === "number") node.type = patch.integer ? "integer" : "number";
  if (patch.catalog !== undefined || patch.options !== undefined) setChoices(files, node, ui, kind, patch);
  if (patch.attachment !== undefined) setAttachment(node, ui, kind, patch.attachment);
  if (patch.rows !== undefined) {
    const options = isObject(ui["ui:options"]) ? ui["ui:options"] : {};
    if (patch.rows === null) delete options.rows;
    else options.rows = positive(patch.rows, "行数") as number;
    if (Object.keys(options).length > 0) ui["ui:options"] = options;
    else delete ui["ui:options"];
  }
  if (
    typeof node.minLength === "number" &&
    typeof node.maxLength === "number" &&
    node.minLength > node.maxLength
  )
    throw new StudioError("invalid_bound", "长度下限不能大于上限");
  if (typeof node.minItems === "number" && typeof node.maxItems === "number" && node.minItems > node.maxItems)
    throw new StudioError("invalid_bound", "数量下限不能大于上限");
  pruneEmptyUi(draft, path);
  return writeForm(files, draft);
}

function pruneEmptyUi(draft: FormDraft, path: string): void {
  const holder = uiContainer(draft.schema, draft.ui, parentOf(path), false);
  const entry = holder?.[nameOf(path)];
  if (holder !== undefined && isObject(entry) && Object.keys(entry).length === 0) delete holder[nameOf(path)];
}

function setRequired(draft: FormDraft, path: string, node: JsonSchema, required: boolean): void {
  const container = containerOf(schemaNode(draft.schema, parentOf(path))) as JsonSchema;
  const name = nameOf(path);
  const list = Array.isArray(container.required) ? [...container.required] : [];
  if (required) {
    const rules = showRules(draft.rules, path);
    if (rules.length > 0)
      throw new StudioError(
        "hidden_field_required",
        `该字段可被显示规则隐藏（${rules.join("、")}），不能设为固定必填；请添加「必填」规则，条件与显示规则相同`,
      );
    if (!list.includes(name)) list.push(name);
    // A required text must not be blank: the shipped editions write minLength 1 with it.
    if (node.type === "string" && node.format === undefined && !("oneOf" in node) && !("x-catalog" in node))
      node.minLength ??= 1;
  } else {
    const at = list.indexOf(name);
    if (at !== -1) list.splice(at, 1);
  }
  if (list.length > 0) container.required = list;
  else delete container.required;
}

function setChoices(
  files: EditionFiles,
  node: JsonSchema,
  ui: UiSchema,
  kind: FieldKind,
  patch: FieldPatch,
): void {
  if (kind !== "choice" && kind !== "multiChoice")
    throw new StudioError("not_a_choice", "只有单选、多选字段有选项");
  const target = kind === "multiChoice" ? (node.items as JsonSchema) : node;
  const isBoolean = target.type === "boolean";
  delete target.oneOf;
  delete target.enum;
  delete target["x-catalog"];
  if (patch.catalog !== undefined) {
    if (isBoolean) throw new StudioError("not_a_choice", "是/否选择不能改用选项清单");
    checkCatalog(files, patch.catalog);
    target["x-catalog"] = patch.catalog;
    target.maxLength = DEFAULT_LIMITS.catalogValue;
    if (kind === "choice") {
      ui["ui:widget"] = "catalogSelect";
      ui["ui:options"] = {
        ...(isObject(ui["ui:options"]) ? ui["ui:options"] : {}),
        catalog: patch.catalog,
        search: true,
      };
    }
  } else {
    const options = patch.options as ChoiceOption[];
    checkOptions(options);
    target.oneOf = oneOf(options);
    if (!isBoolean && typeof target.maxLength !== "number") target.maxLength = DEFAULT_LIMITS.smallChoice;
    if (kind === "choice" && ui["ui:widget"] === "catalogSelect") {
      ui["ui:widget"] = "radio";
      const options2 = isObject(ui["ui:options"]) ? { ...ui["ui:options"] } : {};
      delete options2.catalog;
      delete options2.search;
      if (Object.keys(options2).length > 0) ui["ui:options"] = options2;
      else delete ui["ui:options"];
    }
  }
}

function setAttachment(node: JsonSchema, ui: UiSchema, kind: FieldKind, limits: AttachmentLimits): void {
  if (kind !== "attachment") throw new StudioError("not_an_attachment", "只有附件字段有上传限制");
  if (limits.accept.length === 0) throw new StudioError("invalid_accept", "至少允许一种文件类型");
  if (!limits.accept.every((type) => /^[a-z]+\/[A-Za-z0-9.+*-]+$|^\.[A-Za-z0-9]+$/.test(type)))
    throw new StudioError("invalid_accept", "文件类型应写作 MIME 类型（如 image/png）或扩展名（如 .pdf）");
  const maxCount = positive(limits.maxCount, "文件数量上限") as number;
  const maxBytes = positive(limits.maxBytes, "文件大小上限") as number;
  const minCount = limits.minCount === undefined ? undefined : positive(limits.minCount, "文件数量下限");
  if (minCount !== undefined && minCount > maxCount)
    throw new StudioError("invalid_bound", "文件数量下限不能大于上限");
  // One file is a string, several an array of them (FORMAT.md); title and messages are kept.
  for (const key of ["type", "format", "maxLength", "minItems", "maxItems", "items"]) delete node[key];
  if (maxCount === 1 && minCount === undefined) {
    Object.assign(node, {
      type: "string",
      format: ATTACHMENT_FORMAT,
      maxLength: DEFAULT_LIMITS.attachmentId,
    });
  } else {
    Object.assign(node, {
      type: "array",
      ...(minCount === undefined ? {} : { minItems: minCount }),
      maxItems: maxCount,
      items: { type: "string", format: ATTACHMENT_FORMAT, maxLength: DEFAULT_LIMITS.attachmentId },
    });
  }
  ui["ui:widget"] = "attachment";
  ui["ui:options"] = {
    ...(isObject(ui["ui:options"]) ? ui["ui:options"] : {}),
    accept: [...limits.accept],
    maxBytes,
    maxCount,
  };
}

/** The catalogs the draft lists, with their titles (for the 选项来源 picker). */
export function draftCatalogs(files: EditionFiles): { id: string; title: string; flat: boolean }[] {
  return catalogIds(files).map((id) => {
    try {
      const catalog = JSON.parse(files[`catalogs/${id}.json`] ?? "{}") as {
        title?: string;
        items?: { children?: unknown }[];
      };
      return {
        id,
        title: typeof catalog.title === "string" ? catalog.title : id,
        flat: (catalog.items ?? []).every((item) => item.children === undefined),
      };
    } catch {
      return { id, title: id, flat: true };
    }
  });
}
