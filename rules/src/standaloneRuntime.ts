/**
 * What generated validators need from the page that runs them (`standaloneValidators.ts`): the
 * edition's formats and ajv's two runtime helpers, which are plain functions (no code generation).
 */
import equal from "ajv/dist/runtime/equal.js";
import ucs2length from "ajv/dist/runtime/ucs2length.js";
import { SCHEMA_FORMATS } from "./schemaFormats.js";
import type { FormValidators } from "./schemaValidation.js";

/** The argument of a generated validators module's default export. */
export interface StandaloneRuntime {
  formats: typeof SCHEMA_FORMATS;
  equal: (a: unknown, b: unknown) => boolean;
  ucs2length: (text: string) => number;
}

/** The runtime to hand a generated validators module. */
export const STANDALONE_RUNTIME: StandaloneRuntime = {
  formats: SCHEMA_FORMATS,
  equal: (equal as unknown as { default: StandaloneRuntime["equal"] }).default ?? equal,
  ucs2length: (ucs2length as unknown as { default: StandaloneRuntime["ucs2length"] }).default ?? ucs2length,
};

/** A generated validators module, as `import()` returns it. */
export interface ValidatorsModule {
  default: (runtime: StandaloneRuntime) => FormValidators;
}
