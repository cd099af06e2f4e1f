/**
 * The field row of FormEngine forms: an antd Form.Item with the label above the control at every width
 * (long Chinese labels, 375 px phones), help and description under it, and errors always visible —
 * @rjsf/antd's own template drops a field's errors whenever it has `ui:help`.
 */
import { Form } from "antd";
import type { FieldTemplateProps } from "@rjsf/utils";
import { getTemplate, getUiOptions } from "@rjsf/utils";

const FULL_ROW = { span: 24 };

/** Renders one field: label, control, errors, then description and help. */
export function FieldTemplate(props: FieldTemplateProps) {
  const {
    children,
    description,
    displayLabel,
    errors,
    help,
    rawHelp,
    hidden,
    id,
    label,
    rawErrors,
    rawDescription,
  } = props;
  const { registry, required, schema, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate("WrapIfAdditionalTemplate", registry, uiOptions);
  if (hidden) return <div className="rjsf-field-hidden">{children}</div>;
  // Custom `ui:field`s (division, dateRange …) get no label from RJSF although they stand for one field.
  const isNamedField = typeof uiSchema?.["ui:field"] === "string";
  const showLabel = (displayLabel || isNamedField) && uiOptions.widget !== "checkbox";
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const extra =
    rawDescription || rawHelp ? (
      <>
        {rawDescription ? description : null}
        {rawHelp ? help : null}
      </>
    ) : undefined;
  return (
    <WrapIfAdditionalTemplate {...props}>
      <Form.Item
        className="sb-field"
        colon={false}
        hasFeedback={schema.type !== "array" && schema.type !== "object"}
        help={hasErrors ? errors : undefined}
        extra={extra}
        htmlFor={id}
        label={showLabel ? label : undefined}
        labelCol={FULL_ROW}
        wrapperCol={FULL_ROW}
        required={required}
        validateStatus={hasErrors ? "error" : undefined}
      >
        {children}
      </Form.Item>
    </WrapIfAdditionalTemplate>
  );
}
