/**
 * @shenbao/rules — pure functions over a form edition and a candidate's answers, run alike in the
 * browser and on the server (FORM-5). No I/O.
 */
export type {
  Answers,
  CandidateType,
  Catalog,
  CatalogItem,
  Edition,
  EffectiveSection,
  ExampleFile,
  FormDefinition,
  Json,
  JsonSchema,
  Logic,
  Rule,
  RuleEffect,
  SectionData,
  SectionDefinition,
  SectionError,
  SectionState,
  UiSchema,
} from "./types.js";
export { applicationBlockers, pruneApplication } from "./application.js";
export {
  checkSection,
  effectiveSection,
  findForm,
  pruneHidden,
  sectionApplies,
  sectionState,
  UnknownFormError,
} from "./section.js";
export { EFFECTS, evaluateRules, type RuleOutcome } from "./effects.js";
export { evaluate, holds } from "./logic.js";
export { CUSTOM_OPERATORS, STANDARD_OPERATORS, isKnownOperator } from "./operators/index.js";
export { findCatalogItem, isFlat, leafValues } from "./catalogs.js";
export { ATTACHMENT_ID, createAjv, schemaProblems } from "./validator.js";
export { ATTACHMENT_FORMAT, isAttachmentField } from "./messages.js";
export { getAt, isEmpty, schemaAt, splitPath } from "./paths.js";
