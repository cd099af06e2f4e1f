/**
 * The browser's stand-in for `schemaCompiler.ts` (package.json `browser` field): pages run without
 * `unsafe-eval`, so schemas are never compiled here. The server generates each published edition's
 * validators (`standaloneValidators.ts`); the page installs them with `installValidators` before use.
 */
import type { ValidateFunction } from "ajv";
import type { Edition, FormDefinition } from "./types.js";

/** Whether this build needs validators generated elsewhere (true: it cannot compile them). */
export const NEEDS_PRECOMPILED_VALIDATORS = true;

/** Always throws: a form's validator must have been installed (see `installValidators`). */
export function compiledValidator(edition: Edition, form: FormDefinition): ValidateFunction {
  throw new Error(`validators of ${edition.key}@${edition.version} (${form.key}) are not installed`);
}

/** No validators are compiled in the browser. */
export function compiledEditionCount(): number {
  return 0;
}
