/**
 * `"ui:field": "dateRange"`: an object `{ start, end }` of ISO `YYYY-MM-DD` dates edited with one antd
 * RangePicker; either end may stay open while the user is still filling in (FORMAT.md).
 */
import { DatePicker } from "antd";
import type { FieldProps } from "@rjsf/utils";
import dayjs, { type Dayjs } from "dayjs";
import { engineContext } from "../formEngineContext.js";

const ISO = "YYYY-MM-DD";

function toDay(value: unknown): Dayjs | null {
  if (typeof value !== "string") return null;
  const day = dayjs(value, ISO, true);
  return day.isValid() ? day : null;
}

function titleOf(schema: FieldProps["schema"], name: "start" | "end"): string | undefined {
  const property = schema.properties?.[name];
  return typeof property === "object" && typeof property.title === "string" ? property.title : undefined;
}

/** The date-range field; errors on `start` / `end` are shown under the picker. */
export function DateRangeField(props: FieldProps) {
  const {
    fieldPathId,
    formData,
    schema,
    registry,
    disabled,
    readonly,
    rawErrors,
    errorSchema,
    onChange,
    onBlur,
    onFocus,
  } = props;
  const { readonlyAsDisabled = true } = engineContext(registry);
  const data = (typeof formData === "object" && formData !== null ? formData : {}) as {
    start?: unknown;
    end?: unknown;
  };
  const id = fieldPathId.$id;
  const startTitle = titleOf(schema, "start");
  const endTitle = titleOf(schema, "end");
  const nested = [...(errorSchema?.start?.__errors ?? []), ...(errorSchema?.end?.__errors ?? [])];
  return (
    <>
      <DatePicker.RangePicker
        id={{ start: id, end: `${id}.end` }}
        value={[toDay(data.start), toDay(data.end)]}
        format={ISO}
        allowEmpty={[true, true]}
        disabled={disabled || (readonlyAsDisabled && readonly)}
        open={readonly ? false : undefined}
        // Without titles in the edition antd's zh-CN locale supplies its own placeholders.
        placeholder={startTitle !== undefined && endTitle !== undefined ? [startTitle, endTitle] : undefined}
        status={rawErrors?.length || nested.length ? "error" : undefined}
        style={{ width: "100%" }}
        onChange={(dates) => {
          const start = dates?.[0]?.format(ISO);
          const end = dates?.[1]?.format(ISO);
          onChange(start === undefined && end === undefined ? undefined : { start, end }, fieldPathId.path);
        }}
        onBlur={() => onBlur(id, formData)}
        onFocus={() => onFocus(id, formData)}
      />
      {nested.map((message) => (
        <div key={message} className="ant-form-item-explain-error">
          {message}
        </div>
      ))}
    </>
  );
}
