/**
 * The shapes of a form edition as the rules package sees it. Everything here is plain JSON loaded by
 * `@shenbao/forms`; no field, option or branch of any edition is written in TypeScript.
 */

import type { EditionBindingsDecl } from "./bindings.js";

/** A JSON value as read from an edition file or submitted by a client. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A json-logic expression (see jsonlogic.com) using the standard and the custom operators. */
export type Logic = Json;

/** A JSON Schema (draft-07 keywords) of a section or form, plus the `x-*` extensions of FORMAT.md. */
export type JsonSchema = { [key: string]: Json };

/** An RJSF uiSchema: `ui:*` options and nested entries named after the fields. */
export type UiSchema = { [key: string]: Json };

/** One option of a catalog; hierarchical catalogs (divisions, diseases) nest `children`. */
export interface CatalogItem {
  value: string;
  label: string;
  children?: CatalogItem[];
  [extra: string]: Json | CatalogItem[] | undefined;
}

/** An option list stored as data (`catalogs/<id>.json`), referenced by `x-catalog` in schemas. */
export interface Catalog {
  id: string;
  title: string;
  /** Where the list comes from (standard, guide), for administrators. */
  source?: string;
  items: CatalogItem[];
}

/** The closed vocabulary of rule effects; each is mapped to code in one table (`effects.ts`). */
export type RuleEffect = "show" | "require" | "check" | "hint";

/** A rule of a section: when `when` holds, its effect applies to `fields` (or `field` for checks). */
export interface Rule {
  id: string;
  effect: RuleEffect;
  /** Condition over `{ candidateType, answers, sections, item? }`; absent means always. */
  when?: Logic;
  /** Dotted field paths for `show` and `require` (relative to the item when `each` is set). */
  fields?: string[];
  /** For `check`: the field path the error belongs to (relative to the item when `each` is set). */
  field?: string;
  /** For `check`: must be truthy, else `message` is reported on `field`. */
  assert?: Logic;
  /** For `check`: the Chinese message shown to the user; for `hint`: a template with `{name}` placeholders. */
  message?: string;
  /** For `hint`: json-logic per placeholder name; `{name.part}` reads a part of an object value. */
  values?: Record<string, Logic>;
  /** Evaluate once per item of the array at this path; `item` is added to the logic data. */
  each?: string;
  /** Free text for editors: which requirement of the guide the rule implements. */
  description?: string;
}

/** A valid-* or invalid-* example answer file of a section or form. */
export interface ExampleFile {
  /** File name relative to the edition directory, e.g. `sections/technique/examples/valid-internal.json`. */
  file: string;
  kind: "valid" | "invalid";
  data: Json;
}

/** A form of the edition: a section of the application, the teacher evaluation or on-site confirmation. */
export interface FormDefinition {
  key: string;
  title: string;
  schema: JsonSchema;
  uiSchema: UiSchema;
  rules: Rule[];
  examples: ExampleFile[];
}

/** An application section: a form plus its place in the task list and when it applies (APP-3). */
export interface SectionDefinition extends FormDefinition {
  group?: string;
  requiredForSubmit: boolean;
  /** json-logic over `{ candidateType }`; absent means the section applies to every candidate type. */
  appliesWhen?: Logic;
}

/** A candidate type offered first when applying (APP-2). */
export interface CandidateType {
  value: string;
  label: string;
}

/** A loaded, typed form edition (FORM-1): manifest, sections, extra forms and catalogs. */
export interface Edition {
  key: string;
  version: string;
  title: string;
  candidateTypeTitle: string;
  candidateTypes: CandidateType[];
  /** What the platform's code needs to know of this edition (manifest `bindings`, see `editionBindings`). */
  bindings?: EditionBindingsDecl;
  /** The edition's product wording by key of `EDITION_TEXTS` (portal, SMS, teacher pages). */
  texts?: Record<string, string>;
  sections: SectionDefinition[];
  forms: FormDefinition[];
  catalogs: Record<string, Catalog>;
  /** Whole-application example answers (`examples/*.json` of the edition). */
  examples: ExampleFile[];
}

/** The data of one section or form: an object keyed by field name. */
export type SectionData = { [key: string]: Json };

/** A candidate's answers: the chosen type and each section's data. */
export interface Answers {
  candidateType?: string;
  sections: Record<string, SectionData | undefined>;
}

/** An error shown to the user: which section, which field (dotted path, "" = whole section), why. */
export interface SectionError {
  section: string;
  path: string;
  message: string;
}

/** Information shown under a field while the answers are being filled (a `hint` rule), never an error. */
export interface SectionHint {
  path: string;
  message: string;
}

/** The task-list state the rules decide (APP-3); locked / returned are review states kept by the server. */
export type SectionState = "incomplete" | "complete";

/** What `effectiveSection` returns: the schema and uiSchema to render for the current answers. */
export interface EffectiveSection {
  schema: JsonSchema;
  uiSchema: UiSchema;
}
