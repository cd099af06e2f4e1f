/**
 * The form studio's visual draft editor (#9, FORM-2): `SectionEditor` edits one section's or form's
 * schema / uiSchema / rules inside a draft edition's file map.
 */
export { SectionEditor, type SectionEditorProps } from "./SectionEditor.js";
