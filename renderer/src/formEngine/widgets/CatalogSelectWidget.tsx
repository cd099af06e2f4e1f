/**
 * `"ui:widget": "catalogSelect"`: an antd Select with keyword search over an edition catalog
 * (`ui:options.catalog`); hierarchical catalogs are grouped and only their leaves can be chosen (SEC-3).
 */
import { Select } from "antd";
import type { WidgetProps } from "@rjsf/utils";
import { matchesKeyword, selectOptions } from "../catalogOptions.js";
import { catalogOf, engineContext } from "../formEngineContext.js";

// Set once so the Select's props keep their identity across keystrokes elsewhere in the form.
const SEARCH = { filterOption: matchesKeyword };

/** Single choice over a catalog; the value is the leaf's `value`, cleared to undefined. */
export function CatalogSelectWidget(props: WidgetProps) {
  const {
    id,
    value,
    disabled,
    readonly,
    placeholder,
    options,
    registry,
    rawErrors,
    onChange,
    onBlur,
    onFocus,
  } = props;
  const catalog = catalogOf(registry, options);
  const { readonlyAsDisabled = true } = engineContext(registry);
  const search = options.search === false ? false : SEARCH;
  return (
    <Select
      id={id}
      value={typeof value === "string" && value !== "" ? value : undefined}
      options={catalog === undefined ? [] : selectOptions(catalog)}
      showSearch={search}
      allowClear={!readonly}
      disabled={disabled || (readonlyAsDisabled && readonly)}
      open={readonly ? false : undefined}
      placeholder={placeholder || "请选择"}
      notFoundContent={catalog === undefined ? "选项清单缺失" : "无匹配项"}
      status={rawErrors?.length ? "error" : undefined}
      style={{ width: "100%" }}
      onChange={(next: string | undefined) => onChange(next ?? undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}
