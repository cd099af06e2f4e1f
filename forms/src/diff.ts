/**
 * Version diff of two editions (FORM-4): sections, forms, fields, rules and catalogs added, removed or
 * changed, each by path, so an administrator sees what next year's edition changes.
 */
import type { Edition, FormDefinition, Json, JsonSchema, Rule, SectionDefinition } from "@shenbao/rules";

/** One difference; `form` is the section or form key, `path` the field path (`cases[].name`) or rule id. */
export interface EditionChange {
  kind: "edition" | "section" | "form" | "field" | "rule" | "catalog";
  change: "added" | "removed" | "changed";
  form?: string;
  path: string;
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every field path of a schema with its own definition (without nested fields) and uiSchema entry. */
function fields(schema: JsonSchema, ui: Json | undefined): Map<string, Json> {
  const found = new Map<string, Json>();
  const walk = (node: JsonSchema, uiNode: Json | undefined, prefix: string) => {
    const properties = isObject(node.properties) ? node.properties : {};
    for (const [name, child] of Object.entries(properties)) {
      if (!isObject(child)) continue;
      const path = prefix === "" ? name : `${prefix}.${name}`;
      const childUi = isObject(uiNode) ? uiNode[name] : undefined;
      const { properties: _p, items: _i, ...own } = child;
      const ownUi = isObject(childUi)
        ? Object.fromEntries(Object.entries(childUi).filter(([k]) => k.startsWith("ui:")))
        : null;
      found.set(path, { schema: own, ui: ownUi });
      walk(child, childUi, path);
      if (isObject(child.items))
        walk(child.items, isObject(childUi) ? childUi.items : undefined, `${path}[]`);
    }
  };
  walk(schema, ui, "");
  return found;
}

function diffKeyed<T>(
  before: Map<string, T>,
  after: Map<string, T>,
  make: (change: EditionChange["change"], key: string) => EditionChange,
): EditionChange[] {
  const changes: EditionChange[] = [];
  for (const [key, value] of before) {
    if (!after.has(key)) changes.push(make("removed", key));
    else if (!same(value, after.get(key))) changes.push(make("changed", key));
  }
  for (const key of after.keys()) if (!before.has(key)) changes.push(make("added", key));
  return changes;
}

function sectionMeta(form: FormDefinition): Json {
  const section = form as Partial<SectionDefinition>;
  return {
    title: form.title,
    group: section.group ?? null,
    requiredForSubmit: section.requiredForSubmit ?? null,
    appliesWhen: section.appliesWhen ?? null,
  };
}

function diffForms(
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
    if (!same(sectionMeta(form), sectionMeta(other))) changes.push({ kind, change: "changed", path: key });
    changes.push(
      ...diffKeyed(
        fields(form.schema, form.uiSchema),
        fields(other.schema, other.uiSchema),
        (change, path) => ({ kind: "field", change, form: key, path }),
      ),
      ...diffKeyed(
        new Map<string, Rule>(form.rules.map((rule) => [rule.id, rule])),
        new Map<string, Rule>(other.rules.map((rule) => [rule.id, rule])),
        (change, path) => ({ kind: "rule", change, form: key, path }),
      ),
    );
  }
  for (const key of b.keys()) if (!a.has(key)) changes.push({ kind, change: "added", path: key });
  return changes;
}

/** What changes from edition `a` to edition `b`. */
export function diffEditions(a: Edition, b: Edition): EditionChange[] {
  const changes: EditionChange[] = [];
  for (const property of ["title", "candidateTypeTitle", "candidateTypes"] as const) {
    if (!same(a[property], b[property])) changes.push({ kind: "edition", change: "changed", path: property });
  }
  if (
    !same(
      a.sections.map((s) => s.key),
      b.sections.map((s) => s.key),
    )
  ) {
    changes.push({ kind: "edition", change: "changed", path: "sections" });
  }
  changes.push(...diffForms("section", a.sections, b.sections), ...diffForms("form", a.forms, b.forms));
  changes.push(
    ...diffKeyed(
      new Map(Object.entries(a.catalogs)),
      new Map(Object.entries(b.catalogs)),
      (change, path) => ({ kind: "catalog", change, path }),
    ),
  );
  return changes;
}
