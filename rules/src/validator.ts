/**
 * JSON Schema validation of sections with ajv (a deliberate addition to the json-logic-only rules
 * package, see README). Validators are compiled once per edition key + version and reused; a
 * fingerprint guards against two different drafts sharing a version (the linter loads copies).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { leafValues } from "./catalogs.js";
import { ATTACHMENT_FORMAT } from "./messages.js";
import { isDate } from "./operators/isDate.js";
import type { Catalog, Edition, FormDefinition, JsonSchema } from "./types.js";

/** Attachment ids are opaque tokens issued by the server's file store (FORMAT.md). */
export const ATTACHMENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Creates an ajv instance that knows the edition's keywords and formats; catalogs back `x-catalog`. */
export function createAjv(catalogs: Record<string, Catalog> = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
  ajv.addFormat("date", { type: "string", validate: (value: string) => isDate(value) });
  ajv.addFormat(ATTACHMENT_FORMAT, { type: "string", validate: ATTACHMENT_ID });
  const leaves = new Map<string, Set<string>>();
  ajv.addKeyword({
    keyword: "x-catalog",
    type: "string",
    schemaType: "string",
    validate: (catalogId: string, value: string) => {
      const catalog = catalogs[catalogId];
      if (catalog === undefined) return false;
      let values = leaves.get(catalogId);
      if (values === undefined) {
        values = leafValues(catalog);
        leaves.set(catalogId, values);
      }
      return values.has(value);
    },
  });
  // Message overrides are annotations for messages.ts, not validation.
  ajv.addKeyword({ keyword: "x-messages", schemaType: "object" });
  return ajv;
}

/** Problems compiling a schema with the edition's keywords (for the linter), as ajv reports them. */
export function schemaProblems(schema: JsonSchema): string[] {
  try {
    createAjv().compile(schema);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

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

/** Validates data against a section's or form's base schema with the cached validator. */
export function validateSchema(edition: Edition, form: FormDefinition, data: unknown): ErrorObject[] {
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
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/** How many editions have compiled validators (for tests of the cache). */
export function compiledEditionCount(): number {
  return byVersion.size;
}
