/**
 * Version diff of two editions (FORM-4): sections, forms, fields, rules, catalogs, texts and bindings
 * added, removed or changed, each by path, and for a change what it was before and is after (a label, the
 * options of a choice, whether a field is required, a rule's condition), so an administrator sees exactly
 * what next year's edition changes before publishing it.
 */
import type { Edition, FormDefinition, Json, JsonSchema, Rule, SectionDefinition } from "@shenbao/rules";

/** One aspect of a changed thing: its name (`title`, `options`, `required`, `when`, …), before and after. */
export interface ChangeDetail {
  what: string;
  before: Json;
  after: Json;
}

/** One difference; `form` is the section or form key, `path` the field path (`cases[].name`) or rule id. */
export interface EditionChange {
  kind: "edition" | "section" | "form" | "field" | "rule" | "catalog" | "text" | "binding";
  change: "added" | "removed" | "changed";
  form?: string;
  path: string;
  /** For a change: every aspect that differs, with its value before and after. */
  details?: ChangeDetail[];
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** How one field is defined: its own schema keywords, its uiSchema options and whether its parent requires it. */
interface FieldDefinition {
  schema: { [key: string]: Json };
  ui: { [key: string]: Json };
  required: boolean;
}

/** Every field path of a schema with its own definition (without nested fields). */
function fields(schema: JsonSchema, ui: Json | undefined): Map<string, FieldDefinition> {
  const found = new Map<string, FieldDefinition>();
  const walk = (node: JsonSchema, uiNode: Json | undefined, prefix: string) => {
    const properties = isObject(node.properties) ? node.properties : {};
    const required = Array.isArray(node.required) ? node.required : [];
    for (const [name, child] of Object.entries(properties)) {
      if (!isObject(child)) continue;
      const path = prefix === "" ? name : `${prefix}.${name}`;
      const childUi = isObject(uiNode) ? uiNode[name] : undefined;
      const { properties: _p, items: _i, required: _r, ...own } = child;
      const ownUi = isObject(childUi)
        ? Object.fromEntries(Object.entries(childUi).filter(([k]) => k.startsWith("ui:")))
        : {};
      found.set(path, { schema: own, ui: ownUi, required: required.includes(name) });
      walk(child, childUi, path);
      if (isObject(child.items)) {
        const itemsUi = isObject(childUi) ? childUi.items : undefined;
        const { properties: _ip, required: _ir, ...ownItems } = child.items;
        if (!isObject(child.items.properties) && Object.keys(ownItems).length > 0)
          found.set(`${path}[]`, { schema: ownItems, ui: {}, required: false });
        walk(child.items, itemsUi, `${path}[]`);
      }
    }
  };
  walk(schema, ui, "");
  return found;
}

/** The options of a choice field as `value: title` lines, or the plain enum. */
function options(schema: { [key: string]: Json }): Json | undefined {
  if (Array.isArray(schema.oneOf))
    return schema.oneOf.map((option) =>
      isObject(option) ? `${String(option.const)}: ${String(option.title ?? option.const)}` : option,
    );
  return schema.enum;
}

function fieldDetails(before: FieldDefinition, after: FieldDefinition): ChangeDetail[] {
  const details: ChangeDetail[] = [];
  if (before.required !== after.required)
    details.push({ what: "required", before: before.required, after: after.required });
  const optionsBefore = options(before.schema);
  const optionsAfter = options(after.schema);
  if (!same(optionsBefore, optionsAfter))
    details.push({ what: "options", before: optionsBefore ?? null, after: optionsAfter ?? null });
  const keys = new Set([...Object.keys(before.schema), ...Object.keys(after.schema)]);
  for (const key of [...keys].sort()) {
    if (key === "oneOf" || key === "enum") continue;
    if (!same(before.schema[key], after.schema[key]))
      details.push({ what: key, before: before.schema[key] ?? null, after: after.schema[key] ?? null });
  }
  const uiKeys = new Set([...Object.keys(before.ui), ...Object.keys(after.ui)]);
  for (const key of [...uiKeys].sort()) {
    if (!same(before.ui[key], after.ui[key]))
      details.push({ what: key, before: before.ui[key] ?? null, after: after.ui[key] ?? null });
  }
  return details;
}

function objectDetails(before: { [key: string]: Json }, after: { [key: string]: Json }): ChangeDetail[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !same(before[key], after[key]))
    .map((key) => ({ what: key, before: before[key] ?? null, after: after[key] ?? null }));
}

function diffKeyed<T>(
  before: Map<string, T>,
  after: Map<string, T>,
  make: (change: EditionChange["change"], key: string) => EditionChange,
  details: (a: T, b: T) => ChangeDetail[],
): EditionChange[] {
  const changes: EditionChange[] = [];
  for (const [key, value] of before) {
    const other = after.get(key);
    if (other === undefined) changes.push(make("removed", key));
    else if (!same(value, other)) {
      const found = details(value, other);
      if (found.length > 0) changes.push({ ...make("changed", key), details: found });
    }
  }
  for (const key of after.keys()) if (!before.has(key)) changes.push(make("added", key));
  return changes;
}

function sectionMeta(form: FormDefinition): { [key: string]: Json } {
  const section = form as Partial<SectionDefinition>;
  return {
    title: form.title,
    group: section.group ?? null,
    requiredForSubmit: section.requiredForSubmit ?? null,
    appliesWhen: section.appliesWhen ?? null,
  };
}

/** The changes between two lists of sections (or extra forms), matched by key. */
export function diffForms(
  kind: "section" | "form",
  before: FormDefinition[],
  after: FormDefinition[],
): EditionChange[] {
  const a = new Map(before.map((form) => [form.key, form]));
  const b = new Map(after.map((form) => [form.key, form]));
  const changes: EditionChange[] = [];
  for (const [key, form] of a) {
    const other = b.get(key);
    if (other === undefined) {
      changes.push({ kind, change: "removed", path: key });
      continue;
    }
    const meta = objectDetails(sectionMeta(form), sectionMeta(other));
    if (meta.length > 0) changes.push({ kind, change: "changed", path: key, details: meta });
    changes.push(
      ...diffKeyed(
        fields(form.schema, form.uiSchema),
        fields(other.schema, other.uiSchema),
        (change, path) => ({ kind: "field", change, form: key, path }),
        fieldDetails,
      ),
      ...diffKeyed(
        new Map<string, Rule>(form.rules.map((rule) => [rule.id, rule])),
        new Map<string, Rule>(other.rules.map((rule) => [rule.id, rule])),
        (change, path) => ({ kind: "rule", change, form: key, path }),
        (x, y) =>
          objectDetails(x as unknown as { [key: string]: Json }, y as unknown as { [key: string]: Json }),
      ),
    );
  }
  for (const key of b.keys()) if (!a.has(key)) changes.push({ kind, change: "added", path: key });
  return changes;
}

/** A catalog's items as `value → label` (nested items flattened), for item-level details. */
function catalogLabels(items: Edition["catalogs"][string]["items"]): Map<string, string> {
  const labels = new Map<string, string>();
  const walk = (list: typeof items) => {
    for (const item of list) {
      labels.set(item.value, item.label);
      if (item.children) walk(item.children);
    }
  };
  walk(items);
  return labels;
}

function catalogDetails(
  before: Edition["catalogs"][string],
  after: Edition["catalogs"][string],
): ChangeDetail[] {
  const a = catalogLabels(before.items);
  const b = catalogLabels(after.items);
  const removed = [...a.keys()].filter((value) => !b.has(value)).map((value) => `${value}: ${a.get(value)}`);
  const added = [...b.keys()].filter((value) => !a.has(value)).map((value) => `${value}: ${b.get(value)}`);
  const relabeled = [...a.keys()].filter((value) => b.has(value) && a.get(value) !== b.get(value));
  const details: ChangeDetail[] = [];
  if (before.title !== after.title) details.push({ what: "title", before: before.title, after: after.title });
  if (removed.length > 0) details.push({ what: "items removed", before: removed, after: null });
  if (added.length > 0) details.push({ what: "items added", before: null, after: added });
  for (const value of relabeled)
    details.push({ what: `item ${value}`, before: a.get(value) ?? null, after: b.get(value) ?? null });
  // Same items and labels but a different order or nesting still counts as a change.
  if (details.length === 0) details.push({ what: "items", before: "(order or nesting)", after: "(changed)" });
  return details;
}

/** What changes from edition `a` to edition `b`. */
export function diffEditions(a: Edition, b: Edition): EditionChange[] {
  const changes: EditionChange[] = [];
  for (const property of ["title", "candidateTypeTitle", "candidateTypes"] as const) {
    if (!same(a[property], b[property]))
      changes.push({
        kind: "edition",
        change: "changed",
        path: property,
        details: [
          { what: property, before: a[property] as unknown as Json, after: b[property] as unknown as Json },
        ],
      });
  }
  const orderA = a.sections.map((s) => s.key);
  const orderB = b.sections.map((s) => s.key);
  if (!same(orderA, orderB))
    changes.push({
      kind: "edition",
      change: "changed",
      path: "sections",
      details: [{ what: "order", before: orderA, after: orderB }],
    });
  changes.push(...diffForms("section", a.sections, b.sections), ...diffForms("form", a.forms, b.forms));
  changes.push(
    ...diffKeyed(
      new Map(Object.entries(a.catalogs)),
      new Map(Object.entries(b.catalogs)),
      (change, path) => ({ kind: "catalog", change, path }),
      catalogDetails,
    ),
    ...diffKeyed(
      new Map(Object.entries(a.texts ?? {})),
      new Map(Object.entries(b.texts ?? {})),
      (change, path) => ({ kind: "text", change, path }),
      (x, y) => [{ what: "text", before: x, after: y }],
    ),
    ...diffKeyed(
      new Map(Object.entries(a.bindings ?? {}) as [string, Json][]),
      new Map(Object.entries(b.bindings ?? {}) as [string, Json][]),
      (change, path) => ({ kind: "binding", change, path }),
      (x, y) => [{ what: "binding", before: x, after: y }],
    ),
  );
  return changes;
}

/** One change as a line for people: `~ field technique.method: title "A" → "B"`. */
export function formatChange(change: EditionChange): string {
  const mark = change.change === "added" ? "+" : change.change === "removed" ? "-" : "~";
  const where = change.form === undefined ? change.path : `${change.form}.${change.path}`;
  const head = `${mark} ${change.kind} ${where}`;
  if (change.details === undefined) return head;
  const show = (value: Json) => (value === null ? "—" : JSON.stringify(value));
  return [head, ...change.details.map((d) => `    ${d.what}: ${show(d.before)} → ${show(d.after)}`)].join(
    "\n",
  );
}
