/**
 * `"ui:field": "division"`: province → city → county Cascader over the divisions catalog named in
 * `ui:options.catalog` (SEC-4); the stored value is the leaf (county) code only.
 */
import { Cascader } from "antd";
import type { FieldProps } from "@rjsf/utils";
import { getUiOptions } from "@rjsf/utils";
import { cascaderOptions } from "../catalogOptions.js";
import { catalogOf, engineContext } from "../formEngineContext.js";

/** The division picker; a value that is not a leaf of the catalog shows as empty, to be chosen again. */
export function DivisionField(props: FieldProps) {
  const {
    fieldPathId,
    formData,
    uiSchema,
    registry,
    disabled,
    readonly,
    rawErrors,
    onChange,
    onBlur,
    onFocus,
  } = props;
  const options = getUiOptions(uiSchema);
  const catalog = catalogOf(registry, options);
  const { readonlyAsDisabled = true } = engineContext(registry);
  const built = catalog === undefined ? undefined : cascaderOptions(catalog);
  const value = typeof formData === "string" ? built?.paths.get(formData) : undefined;
  const id = fieldPathId.$id;
  return (
    <Cascader
      id={id}
      options={built?.options ?? []}
      value={value}
      showSearch
      allowClear={!readonly}
      disabled={disabled || (readonlyAsDisabled && readonly)}
      open={readonly ? false : undefined}
      placeholder={typeof options.placeholder === "string" ? options.placeholder : "请选择"}
      notFoundContent={catalog === undefined ? "选项清单缺失" : "无匹配项"}
      status={rawErrors?.length ? "error" : undefined}
      style={{ width: "100%" }}
      onChange={(path) => {
        const leaf = Array.isArray(path) && path.length > 0 ? String(path[path.length - 1]) : undefined;
        onChange(leaf, fieldPathId.path);
      }}
      onBlur={() => onBlur(id, formData)}
      onFocus={() => onFocus(id, formData)}
    />
  );
}
