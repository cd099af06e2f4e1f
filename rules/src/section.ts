/**
 * What a section looks like and whether it is acceptable for the current answers: the functions the
 * browser (what to show) and the server (what to accept) both call (FORM-5).
 */
import { catalogOptions, isFlat } from "./catalogs.js";
import { evaluateRules } from "./effects.js";
import { holds } from "./logic.js";
import { ajvErrorMessage, requiredMessage } from "./messages.js";
import { cloneJson, deleteAt, getAt, isEmpty, isObject, schemaAt, splitPath } from "./paths.js";
import type {
  Answers,
  Edition,
  EffectiveSection,
  FormDefinition,
  Json,
  JsonSchema,
  SectionData,
  SectionDefinition,
  SectionError,
  SectionHint,
  SectionState,
  UiSchema,
} from "./types.js";
import { validateSchema } from "./schemaValidation.js";

/** Thrown when a key names neither a section nor a form of the edition. */
export class UnknownFormError extends Error {
  constructor(
    readonly edition: string,
    readonly key: string,
  ) {
    super(`edition ${edition} has no section or form "${key}"`);
    this.name = "UnknownFormError";
  }
}

/** The section or extra form (evaluation, on-site confirmation) with this key. */
export function findForm(edition: Edition, key: string): FormDefinition | SectionDefinition {
  const found = edition.sections.find((s) => s.key === key) ?? edition.forms.find((f) => f.key === key);
  if (found === undefined) throw new UnknownFormError(`${edition.key}@${edition.version}`, key);
  return found;
}

function isSection(form: FormDefinition): form is SectionDefinition {
  return "requiredForSubmit" in form;
}

/** Whether a section applies to the candidate type (APP-2); extra forms always apply. */
export function sectionApplies(
  edition: Edition,
  key: string,
  answers: Pick<Answers, "candidateType">,
): boolean {
  const form = findForm(edition, key);
  if (!isSection(form)) return true;
  return holds(form.appliesWhen, { candidateType: answers.candidateType ?? null });
}

/**
 * Drops object properties that are null or blank text: a cleared field is an absent one, reported
 * as missing rather than as of the wrong type or pattern.
 */
function dropCleared(value: Json): void {
  if (Array.isArray(value)) value.forEach(dropCleared);
  else if (isObject(value)) {
    for (const [name, child] of Object.entries(value)) {
      if (child === null || (typeof child === "string" && child.trim() === "")) delete value[name];
      else dropCleared(child);
    }
  }
}

function dataOf(answers: Answers, key: string): SectionData {
  const data = answers.sections[key];
  if (!isObject(data)) return {};
  const copy = cloneJson(data);
  dropCleared(copy);
  return copy;
}

const isItemPath = (path: string) => splitPath(path).some((segment) => /^\d+$/.test(segment));

/**
 * The section's data without the fields of branches that do not apply (and without cleared fields:
 * null or blank), so hidden data is never stored (e.g. the external-medicine choice once internal methods are chosen, SEC-3). Repeats until no rule hides anything more.
 */
export function pruneHidden(edition: Edition, key: string, answers: Answers): SectionData {
  const form = findForm(edition, key);
  const data = dataOf(answers, key);
  // Hiding one field can change another rule's condition; a few rounds reach the fixed point.
  for (let round = 0; round < 10; round += 1) {
    const { hidden } = evaluateRules(form, answers, data);
    const removed = hidden.filter((path) => deleteAt(data, path));
    if (removed.length === 0) break;
  }
  return data;
}

function removeField(schema: JsonSchema, uiSchema: UiSchema, path: string): void {
  const segments = splitPath(path);
  const name = segments.pop() as string;
  const parent = schemaAt(schema, segments.join("."));
  if (parent !== undefined) {
    if (isObject(parent.properties)) delete parent.properties[name];
    if (Array.isArray(parent.required)) parent.required = parent.required.filter((r) => r !== name);
  }
  let ui: Json | undefined = uiSchema;
  for (const segment of segments) ui = isObject(ui) ? ui[segment] : undefined;
  if (isObject(ui)) {
    delete ui[name];
    const order = ui["ui:order"];
    if (Array.isArray(order)) ui["ui:order"] = order.filter((entry) => entry !== name);
  }
}

function addRequired(schema: JsonSchema, path: string): void {
  const segments = splitPath(path);
  const name = segments.pop() as string;
  const parent = schemaAt(schema, segments.join("."));
  if (parent === undefined) return;
  const required = Array.isArray(parent.required) ? parent.required : [];
  if (!required.includes(name)) parent.required = [...required, name];
}

function expandCatalogs(node: Json, edition: Edition): void {
  if (Array.isArray(node)) {
    node.forEach((child) => expandCatalogs(child, edition));
    return;
  }
  if (!isObject(node)) return;
  const catalogId = node["x-catalog"];
  const catalog = typeof catalogId === "string" ? edition.catalogs[catalogId] : undefined;
  // Small flat lists render as RJSF selects; hierarchical ones stay for the catalog widgets.
  if (catalog !== undefined && isFlat(catalog) && node.oneOf === undefined)
    node.oneOf = catalogOptions(catalog);
  for (const child of Object.values(node)) expandCatalogs(child, edition);
}

/**
 * The schema and uiSchema to render now: fields of branches that do not apply removed, conditional
 * `required` added, flat catalogs expanded into `oneOf` options.
 */
export function effectiveSection(edition: Edition, key: string, answers: Answers): EffectiveSection {
  const form = findForm(edition, key);
  const data = pruneHidden(edition, key, answers);
  const outcome = evaluateRules(form, answers, data);
  const schema = cloneJson(form.schema);
  const uiSchema = cloneJson(form.uiSchema);
  // Per-item effects cannot be expressed in one array schema; checkSection enforces them.
  for (const path of outcome.hidden) if (!isItemPath(path)) removeField(schema, uiSchema, path);
  for (const path of outcome.required) if (!isItemPath(path)) addRequired(schema, path);
  expandCatalogs(schema, edition);
  return { schema, uiSchema };
}

/** True when `path` is `hidden` or lies inside it. */
const within = (path: string, hidden: string) => path === hidden || path.startsWith(`${hidden}.`);

/**
 * Every problem of a section's data, in Chinese with the field path: schema errors, conditional
 * requirements and rule checks, without repeats. A section that does not
 * apply to the candidate type has none.
 */
export function checkSection(edition: Edition, key: string, answers: Answers): SectionError[] {
  const form = findForm(edition, key);
  if (!sectionApplies(edition, key, answers)) return [];
  const data = pruneHidden(edition, key, answers);
  const found: { path: string; message: string }[] = [];
  for (const error of validateSchema(edition, form, data)) {
    // oneOf branches report per option; the oneOf error itself names the field.
    if (/\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath)) continue;
    found.push(ajvErrorMessage(form.schema, error));
  }
  const outcome = evaluateRules(form, answers, data);
  const reported = new Set(found.map((error) => error.path));
  for (const path of outcome.required) {
    // A field the schema already reports (e.g. too few files) needs no second "missing" message.
    if (reported.has(path) || outcome.hidden.some((hidden) => within(path, hidden))) continue;
    if (isEmpty(getAt(data, path))) found.push({ path, message: requiredMessage(form.schema, path) });
  }
  for (const error of outcome.errors) found.push(error);
  const seen = new Set<string>();
  const errors: SectionError[] = [];
  for (const { path, message } of found) {
    if (seen.has(`${path}\n${message}`)) continue;
    seen.add(`${path}\n${message}`);
    errors.push({ section: key, path, message });
  }
  return errors;
}

/**
 * What the section's `hint` rules say about the current answers (e.g. how long an apprenticeship has run
 * so far), for the page to show under the fields while the candidate types. Hints never block a save.
 */
export function sectionHints(edition: Edition, key: string, answers: Answers): SectionHint[] {
  if (!sectionApplies(edition, key, answers)) return [];
  const form = findForm(edition, key);
  const data = pruneHidden(edition, key, answers);
  const outcome = evaluateRules(form, answers, data);
  return outcome.hints.filter((hint) => !outcome.hidden.some((hidden) => within(hint.path, hidden)));
}

/** "incomplete" while any error remains, else "complete" (the task-list states of APP-3, APP-4). */
export function sectionState(edition: Edition, key: string, answers: Answers): SectionState {
  return checkSection(edition, key, answers).length === 0 ? "complete" : "incomplete";
}
