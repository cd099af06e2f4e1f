/**
 * The one RJSF theme registry of Shenbao (STYLE.md): @rjsf/antd's widgets, fields and templates plus
 * the names edition uiSchemas use (FORMAT.md "uiSchema"). Adding a name here makes it available to
 * every edition at once.
 */
import type { ThemeProps } from "@rjsf/core";
import { Theme as AntdTheme } from "@rjsf/antd";
import { DateRangeField } from "./fields/DateRangeField.js";
import { DivisionField } from "./fields/DivisionField.js";
import { TeacherListField } from "./fields/TeacherListField.js";
import { ButtonTemplates } from "./templates/ButtonTemplates.js";
import { FieldTemplate } from "./templates/FieldTemplate.js";
import { AttachmentWidget } from "./widgets/AttachmentWidget.js";
import { CatalogSelectWidget } from "./widgets/CatalogSelectWidget.js";
import { SignatureWidget } from "./widgets/SignatureWidget.js";

/** `{ widgets, fields, templates }` for `withTheme`: @rjsf/antd extended with the edition's names. */
export const theme = {
  widgets: {
    ...AntdTheme.widgets,
    catalogSelect: CatalogSelectWidget,
    attachment: AttachmentWidget,
    signature: SignatureWidget,
  },
  fields: {
    ...AntdTheme.fields,
    division: DivisionField,
    dateRange: DateRangeField,
    teacherList: TeacherListField,
  },
  templates: { ...AntdTheme.templates, FieldTemplate, ButtonTemplates },
} satisfies ThemeProps;
