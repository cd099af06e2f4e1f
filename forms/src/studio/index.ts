/**
 * @shenbao/forms/studio — pure edits of a draft edition's file map for the form studio (FORM-2): the field
 * tree of a section or form, field and rule edits, stable field ids. Browser-safe (no I/O); the linter
 * (`lintEdition` of `@shenbao/forms`) checks the result.
 */
export { StudioError, formFolderOf, jsonText, readForm, type FormDraft, type FormFolder } from "./draft.js";
export {
  FIELD_KINDS,
  addField,
  draftCatalogs,
  fieldInfo,
  fieldTree,
  kindOf,
  moveField,
  removeField,
  updateField,
  type AttachmentLimits,
  type ChoiceOption,
  type FieldInfo,
  type FieldKind,
  type FieldNode,
  type FieldPatch,
  type NewField,
} from "./fields.js";
export { fieldPath, fieldPathFromPointer, focusOfFinding } from "./paths.js";
export {
  RULE_EFFECTS,
  addRule,
  conditionFields,
  listRules,
  removeRule,
  updateRule,
  type ConditionField,
} from "./rules.js";
export { retiredFields, takenReason } from "./stableIds.js";
