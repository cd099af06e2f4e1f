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
  SectionHint,
  SectionState,
  UiSchema,
} from "./types.js";
export {
  EDITION_TEXTS,
  IDENTITY_FACTS,
  MissingEditionTextError,
  editionBindings,
  editionText,
  fieldWithWidget,
  onsiteBureau,
  onsiteCountyFor,
  teacherListSection,
  teacherRoleTitle,
  teacherRoles,
  type EditionBindings,
  type EditionBindingsDecl,
  type EditionTextKey,
  type EditionTextSpec,
  type IdentityFact,
  type ReviewCheckDecl,
} from "./bindings.js";
export { applicationBlockers, pruneApplication } from "./application.js";
export {
  checkSection,
  effectiveSection,
  findForm,
  pruneHidden,
  sectionApplies,
  sectionHints,
  sectionState,
  UnknownFormError,
} from "./section.js";
export { EFFECTS, evaluateRules, type RuleOutcome } from "./effects.js";
export { sectionsAffectedBy, sectionsReadBy } from "./dependencies.js";
export { evaluate, holds } from "./logic.js";
export { CUSTOM_OPERATORS, STANDARD_OPERATORS, isKnownOperator } from "./operators/index.js";
export { findCatalogItem, isFlat, leafValues } from "./catalogs.js";
export { ATTACHMENT_ID, createAjv, schemaProblems } from "./validator.js";
export { SCHEMA_FORMATS } from "./schemaFormats.js";
export { NEEDS_PRECOMPILED_VALIDATORS } from "./schemaCompiler.js";
export {
  hasInstalledValidators,
  installValidators,
  validateSchema,
  type FormValidators,
} from "./schemaValidation.js";
export { STANDALONE_RUNTIME, type StandaloneRuntime, type ValidatorsModule } from "./standaloneRuntime.js";
export { standaloneValidators } from "./standaloneValidators.js";
export { ATTACHMENT_FORMAT, isAttachmentField } from "./messages.js";
export { getAt, isEmpty, isObject, schemaAt, splitPath } from "./paths.js";
