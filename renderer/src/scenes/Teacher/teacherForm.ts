/**
 * How the teacher pages split the edition's evaluation form into steps (TCH-4): the notice and the
 * commitment are read from their fields' titles and descriptions, the signature field is found by its
 * widget, and the evaluation step renders the form without those three fields.
 */
import { findForm, type Edition, type FormDefinition, type JsonSchema } from "@shenbao/rules";

/** The evaluation form's key in the edition (manifest `forms`). */
export const EVALUATION_FORM = "evaluation";

/** Field names (not labels) of the acknowledgements the teacher ticks on their own steps. */
export const ACKNOWLEDGEMENTS = { notice: "noticeRead", commitment: "commitment" } as const;

/** What a step shows of one field: its title, the ui title (step name) and the description text. */
export interface FieldText {
  name: string;
  title: string;
  uiTitle: string | undefined;
  description: string;
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {};

/** Title, ui:title and description of a top-level field of the evaluation form. */
export function fieldText(form: FormDefinition, name: string): FieldText {
  const schema = obj(obj(form.schema.properties)[name]);
  const ui = obj(obj(form.uiSchema)[name]);
  return {
    name,
    title: typeof schema.title === "string" ? schema.title : name,
    uiTitle: typeof ui["ui:title"] === "string" ? ui["ui:title"] : undefined,
    description: typeof schema.description === "string" ? schema.description : "",
  };
}

/** The signature field: the one whose uiSchema names the `signature` widget, with its options and help. */
export function signatureField(
  form: FormDefinition,
): { text: FieldText; landscape: boolean; help: string | undefined } | undefined {
  for (const [name, value] of Object.entries(obj(form.uiSchema))) {
    const ui = obj(value);
    if (ui["ui:widget"] !== "signature") continue;
    return {
      text: fieldText(form, name),
      landscape: obj(ui["ui:options"]).orientation === "landscape",
      help: typeof ui["ui:help"] === "string" ? ui["ui:help"] : undefined,
    };
  }
  return undefined;
}

/** The evaluation form of `edition`. */
export function evaluationForm(edition: Edition): FormDefinition {
  return findForm(edition, EVALUATION_FORM);
}

/**
 * `edition` with the evaluation form narrowed to what the evaluation step asks (without `omit`), so the
 * FormEngine renders and checks only those fields; rules over the remaining fields still apply.
 */
export function withoutFields(edition: Edition, omit: readonly string[]): Edition {
  const form = evaluationForm(edition);
  const properties = Object.fromEntries(
    Object.entries(obj(form.schema.properties)).filter(([name]) => !omit.includes(name)),
  );
  const required = Array.isArray(form.schema.required)
    ? form.schema.required.filter((name) => typeof name === "string" && !omit.includes(name))
    : [];
  const ui = obj(form.uiSchema);
  const order = Array.isArray(ui["ui:order"])
    ? ui["ui:order"].filter((name) => !omit.includes(String(name)))
    : undefined;
  const narrowed: FormDefinition = {
    ...form,
    schema: { ...form.schema, properties, required } as JsonSchema,
    uiSchema: { ...form.uiSchema, ...(order ? { "ui:order": order } : {}) } as FormDefinition["uiSchema"],
  };
  return { ...edition, forms: edition.forms.map((f) => (f.key === EVALUATION_FORM ? narrowed : f)) };
}
