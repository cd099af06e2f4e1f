/**
 * How the teacher pages split the edition's evaluation form into steps (TCH-4): the edition binds the form
 * and its two acknowledgements (`bindings.evaluation`: notice, commitment), read from their fields' titles
 * and descriptions; the signature field is found by its widget; the evaluation step renders the form
 * without those three fields.
 */
import {
  editionBindings,
  editionText,
  findForm,
  type Edition,
  type FormDefinition,
  type JsonSchema,
} from "@shenbao/rules";

/** One step of the teacher flow, in the order TCH-4 gives them. */
export type TeacherStep = "notice" | "verify" | "summary" | "commitment" | "evaluate" | "signature";

/** The steps of the edition's teacher flow and their names; an unbound acknowledgement has no step. */
export interface TeacherFlow {
  steps: TeacherStep[];
  titles: Record<TeacherStep, string>;
  formKey: string;
  /** The acknowledgement fields the teacher ticks on their own steps. */
  notice: string | undefined;
  commitment: string | undefined;
}

/** The teacher flow of `edition` (whose evaluation binding the linter has checked). */
export function teacherFlow(edition: Edition): TeacherFlow {
  const binding = editionBindings(edition).evaluation;
  if (binding === undefined) throw new Error(`edition ${edition.key} has no evaluation form`);
  const form = findForm(edition, binding.form);
  const stepTitle = (field: string | undefined) => {
    if (field === undefined) return "";
    const text = fieldText(form, field);
    return text.uiTitle ?? text.title;
  };
  const steps: TeacherStep[] = [
    ...(binding.notice ? (["notice"] as const) : []),
    "verify",
    "summary",
    ...(binding.commitment ? (["commitment"] as const) : []),
    "evaluate",
    "signature",
  ];
  return {
    steps,
    titles: {
      notice: stepTitle(binding.notice),
      verify: "身份核验",
      summary: editionText(edition, "teacher.summaryTitle"),
      commitment: stepTitle(binding.commitment),
      evaluate: "评价和意见",
      signature: stepTitle(binding.signature),
    },
    formKey: binding.form,
    notice: binding.notice,
    commitment: binding.commitment,
  };
}

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
  return findForm(edition, teacherFlow(edition).formKey);
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
  return { ...edition, forms: edition.forms.map((f) => (f.key === form.key ? narrowed : f)) };
}
