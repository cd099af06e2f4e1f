/**
 * The one RJSF theme registry of Shenbao (STYLE.md): the names edition uiSchemas use (FORMAT.md
 * "uiSchema") plus the @rjsf/antd pieces FormEngine keeps, imported one by one so the section page loads
 * only what draws its first paint (issue 12). Heavy controls load lazily (`lazyControl`); the layout
 * templates are Shenbao's own. Adding a name here makes it available to every edition at once.
 */
import type { ThemeProps } from "@rjsf/core";
import type { FieldProps, WidgetProps } from "@rjsf/utils";
import CheckboxWidget from "@rjsf/antd/lib/widgets/CheckboxWidget/index.js";
import CheckboxesWidget from "@rjsf/antd/lib/widgets/CheckboxesWidget/index.js";
import RadioWidget from "@rjsf/antd/lib/widgets/RadioWidget/index.js";
import { NumberField } from "./fields/NumberField.js";
import { lazyControl } from "./lazyWidget.js";
import { ButtonTemplates } from "./templates/ButtonTemplates.js";
import { FieldErrorTemplate } from "./templates/FieldErrorTemplate.js";
import { FieldTemplate } from "./templates/FieldTemplate.js";
import {
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
} from "./templates/LayoutTemplates.js";
import { BaseInputTemplate, TextareaWidget } from "./widgets/TextWidgets.js";

const lazyWidget = lazyControl<WidgetProps>;
const lazyField = lazyControl<FieldProps>;

/** `{ widgets, fields, templates }` for `withTheme`: RJSF's defaults fill in everything not named here. */
export const theme = {
  widgets: {
    CheckboxWidget,
    CheckboxesWidget,
    RadioWidget,
    TextareaWidget,
    SelectWidget: lazyWidget(() =>
      import("@rjsf/antd/lib/widgets/SelectWidget/index.js").then((m) => m.default),
    ),
    DateWidget: lazyWidget(() => import("@rjsf/antd/lib/widgets/DateWidget/index.js").then((m) => m.default)),
    RangeWidget: lazyWidget(() =>
      import("@rjsf/antd/lib/widgets/RangeWidget/index.js").then((m) => m.default),
    ),
    catalogSelect: lazyWidget(() =>
      import("./widgets/CatalogSelectWidget.js").then((m) => m.CatalogSelectWidget),
    ),
    attachment: lazyWidget(() => import("./widgets/AttachmentWidget.js").then((m) => m.AttachmentWidget)),
    signature: lazyWidget(() => import("./widgets/SignatureWidget.js").then((m) => m.SignatureWidget)),
  },
  fields: {
    NumberField,
    division: lazyField(() => import("./fields/DivisionField.js").then((m) => m.DivisionField)),
    dateRange: lazyField(() => import("./fields/DateRangeField.js").then((m) => m.DateRangeField)),
    teacherList: lazyField(() => import("./fields/TeacherListField.js").then((m) => m.TeacherListField)),
  },
  templates: {
    ArrayFieldItemTemplate,
    ArrayFieldTemplate,
    BaseInputTemplate,
    ButtonTemplates,
    FieldErrorTemplate,
    FieldTemplate,
    ObjectFieldTemplate,
    TitleFieldTemplate,
  },
} satisfies ThemeProps;
