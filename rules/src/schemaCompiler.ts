/**
 * Compiling a form's schema with ajv where code generation is allowed (the server, the CLI, tests).
 * Browser builds get `schemaCompiler.browser.ts` instead (package.json `browser` field). Validators are
 * compiled once per edition key + version and reused; a fingerprint guards against two different drafts
 * sharing a version (the linter loads copies).
 */
import type { Ajv, ValidateFunction } from "ajv";
import type { Edition, FormDefinition } from "./types.js";
import { createAjv } from "./validator.js";

/** Whether this build needs validators generated elsewhere (false: it compiles them itself). */
export const NEEDS_PRECOMPILED_VALIDATORS = false;

interface Compiled {
  fingerprint: string;
  validators: Map<string, ValidateFunction>;
  ajv: Ajv;
}

const byVersion = new Map<string, Compiled>();
const fingerprints = new WeakMap<Edition, string>();

function fingerprintOf(edition: Edition): string {
  let fingerprint = fingerprints.get(edition);
  if (fingerprint === undefined) {
    fingerprint = JSON.stringify([
      edition.sections.map((s) => s.schema),
      edition.forms.map((f) => f.schema),
      edition.catalogs,
    ]);
    fingerprints.set(edition, fingerprint);
  }
  return fingerprint;
}

/** The cached validator of a section's or form's base schema. */
export function compiledValidator(edition: Edition, form: FormDefinition): ValidateFunction {
  const versionKey = `${edition.key}@${edition.version}`;
  const fingerprint = fingerprintOf(edition);
  let compiled = byVersion.get(versionKey);
  if (compiled === undefined || compiled.fingerprint !== fingerprint) {
    compiled = { fingerprint, validators: new Map(), ajv: createAjv(edition.catalogs) };
    byVersion.set(versionKey, compiled);
  }
  let validate = compiled.validators.get(form.key);
  if (validate === undefined) {
    validate = compiled.ajv.compile(form.schema);
    compiled.validators.set(form.key, validate);
  }
  return validate;
}

/** How many editions have compiled validators (for tests of the cache). */
export function compiledEditionCount(): number {
  return byVersion.size;
}
