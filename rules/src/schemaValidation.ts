/**
 * Validating a form's data against its base schema: with the validators installed for the edition
 * version (the browser: code the server generated, see `standaloneValidators.ts`), else compiled here
 * (`schemaCompiler.ts`, only where code generation is allowed).
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import { schemaAt } from "./paths.js";
import { compiledValidator } from "./schemaCompiler.js";
import type { Edition, FormDefinition, JsonSchema } from "./types.js";

/** A form key → validator table, as a generated validators module returns it. */
export type FormValidators = Record<string, ValidateFunction>;

interface Installed {
  validators: FormValidators;
  /** The schemas the validators were generated from, by form key. */
  schemas: Map<string, JsonSchema>;
}

const installed = new Map<string, Installed>();
const versionOf = (edition: Pick<Edition, "key" | "version">) => `${edition.key}@${edition.version}`;

/** Makes `validators` the ones used for every form of this (published, immutable) edition version. */
export function installValidators(edition: Edition, validators: FormValidators): void {
  const schemas = new Map([...edition.sections, ...edition.forms].map((form) => [form.key, form.schema]));
  installed.set(versionOf(edition), { validators, schemas });
}

/** True once validators for this edition version are installed. */
export function hasInstalledValidators(edition: Pick<Edition, "key" | "version">): boolean {
  return installed.has(versionOf(edition));
}

/** The dotted data path an ajv error is about (a missing property's own path for `required`). */
function errorPath(error: ErrorObject): string {
  const base = error.instancePath.split("/").slice(1).map(decodeURIComponent).join(".");
  const missing =
    error.keyword === "required" ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  return missing === undefined ? base : base === "" ? missing : `${base}.${missing}`;
}

const sameSchema = new WeakMap<JsonSchema, boolean>();

/** Validates data against a section's or form's base schema. */
export function validateSchema(edition: Edition, form: FormDefinition, data: unknown): ErrorObject[] {
  const entry = installed.get(versionOf(edition));
  const validate = entry?.validators[form.key];
  if (entry === undefined || validate === undefined) {
    const compiled = compiledValidator(edition, form);
    return compiled(data) ? [] : [...(compiled.errors ?? [])];
  }
  const errors = validate(data) ? [] : [...(validate.errors ?? [])];
  const published = entry.schemas.get(form.key);
  if (published === form.schema) return errors;
  let same = sameSchema.get(form.schema);
  if (same === undefined) {
    same = JSON.stringify(published) === JSON.stringify(form.schema);
    sameSchema.set(form.schema, same);
  }
  // A view of a published form with some fields removed (the teacher's evaluation step): its fields are
  // checked by the published validator, and problems of the removed fields are not this view's.
  return same ? errors : errors.filter((error) => schemaAt(form.schema, errorPath(error)) !== undefined);
}
