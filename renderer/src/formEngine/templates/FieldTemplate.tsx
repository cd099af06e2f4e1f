/**
 * The field row of FormEngine forms, in plain elements: the label above the control at every width (long
 * Chinese labels, 375 px phones), errors always visible under the control (@rjsf/antd's own template drops
 * them whenever a field has `ui:help`), then description and help. Not an antd Form.Item: rendering one per
 * field (with its grid, motion and validation context) was most of a keystroke's and a first render's
 * cost on the five case records (issue 12), and pulled antd's form engine into the section page.
 */
import { useContext } from "react";
import type { FieldTemplateProps } from "@rjsf/utils";
import { getTemplate, getUiOptions } from "@rjsf/utils";
import { engineContext, pathOfId } from "../formEngineContext.js";
import { HintsContext } from "../hintsContext.js";

/** Renders one field: label, control, errors, then description and help. */
export function FieldTemplate(props: FieldTemplateProps) {
  const { children, description, displayLabel, errors, help, rawHelp, hidden, id, label } = props;
  const { rawErrors, rawDescription, registry, required, uiSchema, classNames, style } = props;
  const uiOptions = getUiOptions(uiSchema);
  const hints = useContext(HintsContext).get(pathOfId(id)) ?? [];
  const WrapIfAdditionalTemplate = getTemplate("WrapIfAdditionalTemplate", registry, uiOptions);
  if (hidden) return <div className="rjsf-field-hidden">{children}</div>;
  // Custom `ui:field`s (division, dateRange …) get no label from RJSF although they stand for one field.
  const isNamedField = typeof uiSchema?.["ui:field"] === "string";
  const showLabel = (displayLabel || isNamedField) && uiOptions.widget !== "checkbox";
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const className = ["sb-form-item", hasErrors ? "sb-form-item-error" : "", classNames ?? ""]
    .join(" ")
    .trim();
  // REV-2: the reviewer's comment on this very field, beside it.
  const note = engineContext(registry).fieldNotes?.[pathOfId(id)];
  return (
    <WrapIfAdditionalTemplate {...props}>
      <div className={className} style={style}>
        {showLabel && label && (
          // The required mark is CSS (`::before`), so the label's text is exactly the field's title.
          <label className={required ? "sb-form-label sb-form-required" : "sb-form-label"} htmlFor={id}>
            {label}
          </label>
        )}
        <div className="sb-form-control">{children}</div>
        {note ? (
          <div className="sb-field-note" role="note">
            审核批注：{note}
          </div>
        ) : null}
        {hasErrors && <div className="sb-form-errors">{errors}</div>}
        {hints.length > 0 && (
          // Polite: read out when a typed date changes what the hint says, without interrupting.
          <div className="sb-form-hint" role="status">
            {hints.map((hint) => (
              <div key={hint}>{hint}</div>
            ))}
          </div>
        )}
        {rawDescription ? <div className="sb-form-extra">{description}</div> : null}
        {rawHelp ? <div className="sb-form-extra">{help}</div> : null}
      </div>
    </WrapIfAdditionalTemplate>
  );
}
