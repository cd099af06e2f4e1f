/**
 * `integer` / `number` fields: drawn by RJSF's StringField with the FormEngine text box, which turns text
 * into a number itself and never clamps (widgets/TextWidgets.tsx). RJSF's own NumberField re-parsed every
 * value with a locale lookup (`Intl.NumberFormat`) on each render, a visible share of a first render.
 */
import type { FieldProps } from "@rjsf/utils";

/** Passes the field to StringField unchanged. */
export function NumberField(props: FieldProps) {
  const { StringField } = props.registry.fields;
  return StringField ? <StringField {...props} /> : null;
}
