/**
 * How objects and lists are laid out, in plain elements: one column at every width, each list entry a card
 * of its own titled with its item title and number in Chinese numerals, and its controls at the bottom. The
 * @rjsf/antd templates put short fields two to a row and list controls in a 120 px side column, which left
 * 83 px columns with cut-off dates on a 375 px phone (issue 12). Read-only forms show no add button.
 */
import type {
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  FieldPathId,
  ObjectFieldTemplateProps,
  TitleFieldProps,
} from "@rjsf/utils";
import { buttonId, getTemplate, getUiOptions, titleId } from "@rjsf/utils";
import { chineseNumber } from "./chineseNumber.js";

/** The position of an array entry from its path (`cases.2` → 2), or undefined outside a list. */
function itemIndex(fieldPathId: FieldPathId): number | undefined {
  const last = fieldPathId.path.at(-1);
  return typeof last === "number" ? last : undefined;
}

/** A group or list title (list entries arrive already numbered from ObjectFieldTemplate). */
export function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
  return (
    <legend id={id} className={required ? "sb-form-title sb-form-required" : "sb-form-title"}>
      {title}
    </legend>
  );
}

/** An object: its title, description, then each visible property on a row of its own. */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { description, fieldPathId, properties, registry, required, schema, title, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const Title = getTemplate("TitleFieldTemplate", registry, uiOptions);
  const Description = getTemplate("DescriptionFieldTemplate", registry, uiOptions);
  const index = itemIndex(fieldPathId);
  // Inside a list the entry is titled by its item schema and numbered (item title + 一, 二 …); RJSF gives "<list>-<n>".
  const shown =
    index !== undefined && typeof schema.title === "string"
      ? `${schema.title}${chineseNumber(index + 1)}`
      : (uiOptions.title ?? title);
  return (
    <fieldset id={fieldPathId.$id} className="sb-form-object">
      {shown && (
        <Title
          id={titleId(fieldPathId)}
          title={shown}
          required={index === undefined ? required : false}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
      {description && (
        <Description
          id={`${fieldPathId.$id}__description`}
          description={description}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
      {properties
        .filter((property) => !property.hidden)
        .map((property) => (
          <div key={property.name} className="sb-form-property">
            {property.content}
          </div>
        ))}
    </fieldset>
  );
}

/** A list: title, entries, and 「添加」 under them while more may be added and the form is editable. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, className, disabled, fieldPathId, items, onAddClick, readonly, registry, required } = props;
  const { schema, title, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const Title = getTemplate("ArrayFieldTitleTemplate", registry, uiOptions);
  const { AddButton } = registry.templates.ButtonTemplates;
  const shownTitle = uiOptions.title ?? title;
  return (
    <fieldset className={`sb-form-list ${className ?? ""}`.trim()} id={fieldPathId.$id}>
      {shownTitle && (
        <Title
          fieldPathId={fieldPathId}
          title={shownTitle}
          required={required}
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
      {items.length > 0 && <div className="sb-form-list-items">{items}</div>}
      {canAdd && !readonly && !disabled && (
        <AddButton
          id={buttonId(fieldPathId, "add")}
          className="rjsf-array-item-add"
          onClick={onAddClick}
          uiSchema={uiSchema}
          registry={registry}
        />
      )}
    </fieldset>
  );
}

/** One list entry as a card: its fields, then its controls (删除 …) in a row at the bottom. */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, readonly, registry, uiSchema } = props;
  const Buttons = getTemplate("ArrayFieldItemButtonsTemplate", registry, getUiOptions(uiSchema));
  return (
    <div className="sb-form-list-item">
      {children}
      {hasToolbar && !readonly && (
        <div className="sb-form-list-item-actions">
          <Buttons {...buttonsProps} />
        </div>
      )}
    </div>
  );
}
