/**
 * The edition linter (FORM-3): rejects a broken edition before publishing. Every message names the
 * file and a JSON Pointer inside it: invalid schemas, rules / uiSchema / logic naming fields that do
 * not exist, folders missing from the manifest, referenced catalogs that are absent, and examples that
 * do not behave as their file name says.
 */
import {
  schemaAt,
  schemaProblems,
  type Catalog,
  type CatalogItem,
  type Edition,
  type FormDefinition,
  type Json,
  type JsonSchema,
} from "@shenbao/rules";
import { lintLogic, type ArrayResolver, type Scope } from "./lintLogic.js";
import { lintBindings } from "./lintBindings.js";
import { verifyApplicationExample, verifyFormExample } from "./examples.js";
import { pointer, type LintMessage } from "./messages.js";
import { formFolders, readEdition } from "./read.js";
import { sourceOf, type EditionSource } from "./source.js";

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function split(path: string): [string, string] {
  const dot = path.indexOf(".");
  return dot === -1 ? [path, ""] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** What `var` may name in a rule: candidateType, index, answers.*, item.* (each rules), sections.<key>.*. */
function ruleResolver(edition: Edition, form: FormDefinition, item: JsonSchema | undefined): ArrayResolver {
  return (path) => {
    const [root, rest] = split(path);
    if (path === "" || root === "candidateType" || root === "index") return {};
    if (root === "answers") return schemaAt(form.schema, rest);
    if (root === "item") return item === undefined ? undefined : schemaAt(item, rest);
    if (root === "sections") {
      const [key, inner] = split(rest);
      const other = [...edition.sections, ...edition.forms].find((candidate) => candidate.key === key);
      return key === "" ? {} : other === undefined ? undefined : schemaAt(other.schema, inner);
    }
    return undefined;
  };
}

function lintSchema(
  edition: Edition,
  form: FormDefinition,
  file: string,
  report: (m: LintMessage) => void,
): void {
  for (const message of schemaProblems(form.schema))
    report({ file, path: "", message: `invalid schema: ${message}` });
  if (form.schema.type !== "object" || !isObject(form.schema.properties)) {
    report({ file, path: "", message: 'a section schema has "type": "object" and "properties"' });
    return;
  }
  const walk = (node: Json, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, pointer(at, index)));
      return;
    }
    if (!isObject(node)) return;
    if ("$ref" in node)
      report({ file, path: pointer(at, "$ref"), message: "$ref is not supported: write the schema inline" });
    const catalog = node["x-catalog"];
    if (typeof catalog === "string" && edition.catalogs[catalog] === undefined) {
      report({
        file,
        path: pointer(at, "x-catalog"),
        message: `catalog "${catalog}" is referenced but absent`,
      });
    }
    // Every answer has a size bound, so a draft cannot grow without limit (issue 11): the server enforces
    // maxLength / maxItems even on incomplete drafts.
    if (node.type === "string" && typeof node.maxLength !== "number")
      report({ file, path: at, message: 'a text field needs "maxLength" (the longest answer it accepts)' });
    if (node.type === "array" && typeof node.maxItems !== "number")
      report({ file, path: at, message: 'a list needs "maxItems" (the most entries it accepts)' });
    if (isObject(node.properties)) {
      for (const [name, property] of Object.entries(node.properties)) {
        if (isObject(property) && typeof property.title !== "string") {
          report({ file, path: pointer(at, "properties", name), message: `field "${name}" has no title` });
        }
      }
    }
    for (const [keyword, child] of Object.entries(node))
      if (keyword !== "x-messages") walk(child, pointer(at, keyword));
  };
  walk(form.schema, "");
}

function lintUi(
  edition: Edition,
  schema: JsonSchema,
  ui: Json,
  file: string,
  at: string,
  report: (m: LintMessage) => void,
): void {
  if (!isObject(ui)) return;
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [key, value] of Object.entries(ui)) {
    const here = pointer(at, key);
    if (key === "ui:order") {
      if (Array.isArray(value)) {
        value.forEach((name, index) => {
          if (name !== "*" && (typeof name !== "string" || !Object.hasOwn(properties, name))) {
            report({
              file,
              path: pointer(here, index),
              message: `ui:order names field "${String(name)}" that does not exist`,
            });
          }
        });
      }
      continue;
    }
    if (
      key === "ui:options" &&
      isObject(value) &&
      typeof value.catalog === "string" &&
      !edition.catalogs[value.catalog]
    ) {
      report({
        file,
        path: pointer(here, "catalog"),
        message: `catalog "${value.catalog}" is referenced but absent`,
      });
      continue;
    }
    if (key.startsWith("ui:")) continue;
    const child = key === "items" && isObject(schema.items) ? schema.items : properties[key];
    if (!isObject(child)) {
      report({ file, path: here, message: `uiSchema names field "${key}" that does not exist` });
      continue;
    }
    lintUi(edition, child, value, file, here, report);
  }
}

function lintRules(
  edition: Edition,
  form: FormDefinition,
  file: string,
  report: (m: LintMessage) => void,
): void {
  const ids = new Set<string>();
  form.rules.forEach((rule, index) => {
    const at = `/${index}`;
    const say = (path: string, message: string) =>
      report({ file, path, message: `rule "${rule.id}": ${message}` });
    if (ids.has(rule.id)) say(pointer(at, "id"), "duplicate rule id");
    ids.add(rule.id);
    let target: JsonSchema = form.schema;
    let item: JsonSchema | undefined;
    if (rule.each !== undefined) {
      const list = schemaAt(form.schema, rule.each);
      if (list === undefined || list.type !== "array" || !isObject(list.items)) {
        say(pointer(at, "each"), `"${rule.each}" is not a list field of the section`);
        return;
      }
      item = list.items;
      target = list.items;
    }
    const staticRequired = (path: string) => {
      const segments = path.split(".");
      const name = segments.pop() as string;
      const parent = schemaAt(target, segments.join("."));
      return Array.isArray(parent?.required) && parent.required.includes(name);
    };
    (rule.fields ?? []).forEach((field, fieldIndex) => {
      if (schemaAt(target, field) === undefined)
        say(pointer(at, "fields", fieldIndex), `names field "${field}" that does not exist`);
      else if (rule.effect === "show" && staticRequired(field)) {
        say(
          pointer(at, "fields", fieldIndex),
          `field "${field}" can be hidden, so the schema must not require it`,
        );
      }
    });
    if (rule.field !== undefined && schemaAt(target, rule.field) === undefined) {
      say(pointer(at, "field"), `names field "${rule.field}" that does not exist`);
    }
    const resolve = ruleResolver(edition, form, item);
    const scope: Scope = (path) => resolve(path) !== undefined;
    lintLogic(rule.when, pointer(at, "when"), scope, resolve, say);
    lintLogic(rule.assert, pointer(at, "assert"), scope, resolve, say);
    for (const [name, logic] of Object.entries(rule.values ?? {}))
      lintLogic(logic, pointer(at, "values", name), scope, resolve, say);
    if (rule.effect === "hint") {
      // Every placeholder must be computed by `values` (its first segment names one).
      for (const match of (rule.message ?? "").matchAll(/\{([A-Za-z_][\w]*)(?:\.[\w.]+)?\}/g)) {
        const name = match[1] as string;
        if (!Object.hasOwn(rule.values ?? {}, name))
          say(pointer(at, "message"), `placeholder {${match[0].slice(1, -1)}} names no entry of "values"`);
      }
    }
  });
}

function lintCatalog(id: string, catalog: Catalog, report: (m: LintMessage) => void): void {
  const file = `catalogs/${id}.json`;
  const seen = new Set<string>();
  const walk = (items: CatalogItem[], at: string) =>
    items.forEach((item, index) => {
      const here = pointer(at, index);
      if (seen.has(item.value))
        report({ file, path: pointer(here, "value"), message: `duplicate value "${item.value}"` });
      seen.add(item.value);
      if (item.children !== undefined) walk(item.children, pointer(here, "children"));
    });
  walk(catalog.items, "/items");
}

/** True when the field path `path` (no list indices) names a field of `schema`, stepping into list items. */
function retiredPathExists(schema: JsonSchema, path: string): boolean {
  let current: Json | undefined = schema;
  for (const name of path.split(".")) {
    if (isObject(current) && current.type === "array") current = current.items;
    const properties: Json | undefined = isObject(current) ? current.properties : undefined;
    current = isObject(properties) && Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (current === undefined) return false;
  }
  return true;
}

function guard(file: string, check: () => LintMessage[]): LintMessage[] {
  try {
    return check();
  } catch (error) {
    return [{ file, path: "", message: `could not be checked: ${(error as Error).message}` }];
  }
}

/** Lints an edition (a directory or a source); an empty list means it may be published. */
export async function lintEdition(from: string | EditionSource): Promise<LintMessage[]> {
  const dir = sourceOf(from);
  const { edition, manifest, problems } = await readEdition(dir);
  if (edition === undefined || manifest === undefined) return problems;
  const report = (message: LintMessage) => problems.push(message);
  for (const folder of ["sections", "forms"] as const) {
    const listed = new Set(
      (folder === "sections" ? manifest.sections : manifest.forms).map((entry) => entry.key),
    );
    for (const name of await formFolders(dir, folder)) {
      if (!listed.has(name))
        report({
          file: `${folder}/${name}`,
          path: "",
          message: `${folder}/${name} is not listed in manifest.json "${folder}"`,
        });
    }
  }
  const keys = new Set<string>();
  [...manifest.sections, ...manifest.forms].forEach((entry, index) => {
    if (keys.has(entry.key))
      report({
        file: "manifest.json",
        path: "",
        message: `key "${entry.key}" is used twice (entry ${index})`,
      });
    keys.add(entry.key);
  });
  manifest.sections.forEach((entry, index) => {
    const scope: Scope = (path) => path === "candidateType";
    lintLogic(
      entry.appliesWhen,
      `/sections/${index}/appliesWhen`,
      scope,
      () => undefined,
      (path, message) =>
        report({ file: "manifest.json", path, message: `appliesWhen of "${entry.key}": ${message}` }),
    );
  });
  for (const [folder, forms] of [
    ["sections", edition.sections],
    ["forms", edition.forms],
  ] as const) {
    for (const form of forms) {
      const base = `${folder}/${form.key}/${form.key}`;
      lintSchema(edition, form, `${base}.schema.json`, report);
      lintUi(edition, form.schema, form.uiSchema, `${base}.ui.json`, "", report);
      lintRules(edition, form, `${base}.rules.json`, report);
    }
  }
  // A removed field's id is never reused (FORM-4): applications migrate by field path.
  for (const [key, paths] of Object.entries(manifest.retiredFields ?? {})) {
    const form = [...edition.sections, ...edition.forms].find((candidate) => candidate.key === key);
    paths.forEach((path, index) => {
      if (form !== undefined && retiredPathExists(form.schema, path))
        report({
          file: "manifest.json",
          path: pointer(pointer("/retiredFields", key), index),
          message: `field "${path}" of "${key}" was removed before: its id must not be reused`,
        });
    });
  }
  for (const [id, catalog] of Object.entries(edition.catalogs)) lintCatalog(id, catalog, report);
  lintBindings(edition, report);
  // Examples only prove something once the definitions they exercise are sound.
  if (problems.length > 0) return problems;
  for (const form of [...edition.sections, ...edition.forms]) {
    for (const example of form.examples)
      problems.push(...guard(example.file, () => verifyFormExample(edition, form, example)));
  }
  for (const example of edition.examples)
    problems.push(...guard(example.file, () => verifyApplicationExample(edition, example)));
  return problems;
}
