/**
 * Reading an edition directory into a typed `Edition`, collecting every structural problem (missing
 * file, bad JSON, a file that does not have the shape FORMAT.md describes) with file and JSON Pointer.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type {
  Catalog,
  Edition,
  EditionBindingsDecl,
  ExampleFile,
  FormDefinition,
  Json,
  JsonSchema,
  Rule,
  SectionDefinition,
  UiSchema,
} from "@shenbao/rules";
import {
  applicationExampleSchema,
  catalogSchema,
  formExampleSchema,
  manifestSchema,
  rulesSchema,
} from "./formatSchemas.js";
import { pointer, type LintMessage } from "./messages.js";
import { sourceOf, type EditionSource } from "./source.js";

/** The manifest as written in `manifest.json`. */
export interface Manifest {
  key: string;
  version: string;
  title: string;
  candidateTypeTitle: string;
  candidateTypes: { value: string; label: string }[];
  sections: { key: string; title: string; group?: string; requiredForSubmit: boolean; appliesWhen?: Json }[];
  forms: { key: string; title: string }[];
  catalogs: string[];
  bindings?: EditionBindingsDecl;
  texts?: Record<string, string>;
  /** Field ids removed from each section or form, never to be reused (FORM-4). */
  retiredFields?: Record<string, string[]>;
}

/** The outcome of reading: the edition when the manifest could be read, and every problem found. */
export interface ReadResult {
  edition: Edition | undefined;
  manifest: Manifest | undefined;
  problems: LintMessage[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const checkManifest = ajv.compile(manifestSchema);
const checkRules = ajv.compile(rulesSchema);
const checkCatalog = ajv.compile(catalogSchema);
const checkFormExample = ajv.compile(formExampleSchema);
const checkApplicationExample = ajv.compile(applicationExampleSchema);

/** Converts ajv's errors about an edition file into lint messages with JSON Pointers. */
export function shapeProblems(file: string, errors: ErrorObject[] | null | undefined): LintMessage[] {
  return (errors ?? [])
    .filter((error) => error.keyword !== "if")
    .map((error) => {
      const extra =
        error.keyword === "required"
          ? String(error.params.missingProperty)
          : error.keyword === "additionalProperties"
            ? String(error.params.additionalProperty)
            : undefined;
      const at = extra === undefined ? error.instancePath : pointer(error.instancePath, extra);
      const what = extra === undefined ? (error.message ?? error.keyword) : `${error.keyword}: ${extra}`;
      return { file, path: at, message: `invalid ${describe(file)}: ${what}` };
    });
}

function describe(file: string): string {
  if (file === "manifest.json") return "manifest";
  if (file.endsWith(".rules.json")) return "rules file";
  if (file.startsWith("catalogs/")) return "catalog";
  return "example";
}

type Read = { ok: true; value: Json } | { ok: false; problem: LintMessage };

async function readJson(dir: EditionSource, file: string): Promise<Read> {
  const text = await dir.read(file);
  if (text === undefined) return { ok: false, problem: { file, path: "", message: "file is missing" } };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return { ok: false, problem: { file, path: "", message: `invalid JSON: ${(error as Error).message}` } };
  }
}

const isObjectJson = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

async function readExamples(
  dir: EditionSource,
  folder: string,
  check: ValidateFunction,
  problems: LintMessage[],
): Promise<ExampleFile[]> {
  const examples: ExampleFile[] = [];
  for (const { name, folder: isFolder } of await dir.list(folder)) {
    if (isFolder || !name.endsWith(".json")) continue;
    const file = `${folder}/${name}`;
    const kind = name.startsWith("valid-") ? "valid" : name.startsWith("invalid-") ? "invalid" : undefined;
    if (kind === undefined) {
      problems.push({ file, path: "", message: 'example file names start with "valid-" or "invalid-"' });
      continue;
    }
    const read = await readJson(dir, file);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    if (!check(read.value)) {
      problems.push(...shapeProblems(file, check.errors));
      continue;
    }
    examples.push({ file, kind, data: read.value });
  }
  return examples;
}

async function readForm(
  dir: EditionSource,
  folder: "sections" | "forms",
  key: string,
  title: string,
  problems: LintMessage[],
): Promise<FormDefinition> {
  const base = `${folder}/${key}/${key}`;
  const schema = await readJson(dir, `${base}.schema.json`);
  const uiSchema = await readJson(dir, `${base}.ui.json`);
  const rules = await readJson(dir, `${base}.rules.json`);
  const form: FormDefinition = { key, title, schema: {}, uiSchema: {}, rules: [], examples: [] };
  if (!schema.ok) problems.push(schema.problem);
  else if (!isObjectJson(schema.value))
    problems.push({ file: `${base}.schema.json`, path: "", message: "a schema is a JSON object" });
  else form.schema = schema.value as JsonSchema;
  if (!uiSchema.ok) problems.push(uiSchema.problem);
  else if (!isObjectJson(uiSchema.value))
    problems.push({ file: `${base}.ui.json`, path: "", message: "a uiSchema is a JSON object" });
  else form.uiSchema = uiSchema.value as UiSchema;
  if (!rules.ok) problems.push(rules.problem);
  else if (!checkRules(rules.value)) problems.push(...shapeProblems(`${base}.rules.json`, checkRules.errors));
  else form.rules = rules.value as unknown as Rule[];
  form.examples = await readExamples(dir, `${folder}/${key}/examples`, checkFormExample, problems);
  return form;
}

async function readCatalog(
  dir: EditionSource,
  id: string,
  index: number,
  problems: LintMessage[],
): Promise<Catalog | undefined> {
  const file = `catalogs/${id}.json`;
  const read = await readJson(dir, file);
  if (!read.ok) {
    const missing = read.problem.message === "file is missing";
    problems.push(
      missing
        ? {
            file: "manifest.json",
            path: `/catalogs/${index}`,
            message: `catalog "${id}" is listed but ${file} is missing`,
          }
        : read.problem,
    );
    return undefined;
  }
  if (!checkCatalog(read.value)) {
    problems.push(...shapeProblems(file, checkCatalog.errors));
    return undefined;
  }
  const catalog = read.value as unknown as Catalog;
  if (catalog.id !== id)
    problems.push({
      file,
      path: "/id",
      message: `catalog id "${catalog.id}" differs from its file name "${id}"`,
    });
  return catalog;
}

/** Reads an edition (a directory or a source); never throws for a broken edition, it reports. */
export async function readEdition(from: string | EditionSource): Promise<ReadResult> {
  const dir = sourceOf(from);
  const problems: LintMessage[] = [];
  const read = await readJson(dir, "manifest.json");
  if (!read.ok) return { edition: undefined, manifest: undefined, problems: [read.problem] };
  if (!checkManifest(read.value)) {
    return {
      edition: undefined,
      manifest: undefined,
      problems: shapeProblems("manifest.json", checkManifest.errors),
    };
  }
  const manifest = read.value as unknown as Manifest;
  const sections: SectionDefinition[] = [];
  for (const entry of manifest.sections) {
    const form = await readForm(dir, "sections", entry.key, entry.title, problems);
    const section: SectionDefinition = { ...form, requiredForSubmit: entry.requiredForSubmit };
    if (entry.group !== undefined) section.group = entry.group;
    if (entry.appliesWhen !== undefined) section.appliesWhen = entry.appliesWhen;
    sections.push(section);
  }
  const forms: FormDefinition[] = [];
  for (const entry of manifest.forms)
    forms.push(await readForm(dir, "forms", entry.key, entry.title, problems));
  const catalogs: Record<string, Catalog> = {};
  for (const [index, id] of manifest.catalogs.entries()) {
    const catalog = await readCatalog(dir, id, index, problems);
    if (catalog !== undefined) catalogs[id] = catalog;
  }
  const examples = await readExamples(dir, "examples", checkApplicationExample, problems);
  const edition: Edition = {
    key: manifest.key,
    version: manifest.version,
    title: manifest.title,
    candidateTypeTitle: manifest.candidateTypeTitle,
    candidateTypes: manifest.candidateTypes,
    ...(manifest.bindings === undefined ? {} : { bindings: manifest.bindings }),
    ...(manifest.texts === undefined ? {} : { texts: manifest.texts }),
    sections,
    forms,
    catalogs,
    examples,
  };
  return { edition, manifest, problems };
}

/** Folders under `sections/` and `forms/` of an edition, for the "not in manifest" check. */
export async function formFolders(
  from: string | EditionSource,
  folder: "sections" | "forms",
): Promise<string[]> {
  // An edition without extra forms has no forms/ folder: an empty list.
  return (await sourceOf(from).list(folder)).filter((entry) => entry.folder).map((entry) => entry.name);
}
