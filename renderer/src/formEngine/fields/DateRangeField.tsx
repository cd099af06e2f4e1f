/**
 * `"ui:field": "dateRange"`: an object `{ start, end }` of ISO `YYYY-MM-DD` dates; either end may stay open
 * while the user is still filling in (FORMAT.md). Wide screens get one antd RangePicker; on a phone its
 * two-month popup (~830 px) does not fit, so two stacked single DatePickers (start / end) edit the
 * same value.
 */
import { useMemo, useSyncExternalStore } from "react";
import { DatePicker } from "antd";
import type { FieldProps } from "@rjsf/utils";
import dayjs, { type Dayjs } from "dayjs";
import { engineContext } from "../formEngineContext.js";
import { isNarrowScreen, NARROW_QUERY } from "../pickerRoom.js";

/** Below this width (antd's `sm` breakpoint) the range is edited with two stacked single pickers. */
export { NARROW_QUERY };

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

/** `{ start, end }` with only the ends that are set (a start-only range stays `{ start }`); none → undefined. */
export function rangeValue(
  start: string | undefined,
  end: string | undefined,
): { start?: string; end?: string } | undefined {
  if (start === undefined && end === undefined) return undefined;
  return { ...(start !== undefined && { start }), ...(end !== undefined && { end }) };
}

function subscribeNarrow(onChange: () => void): () => void {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return () => undefined;
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** The date-range field; errors on `start` / `end` are shown under the picker(s). */
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
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrowScreen, () => false);
  const data = (typeof formData === "object" && formData !== null ? formData : {}) as {
    start?: unknown;
    end?: unknown;
  };
  const startText = typeof data.start === "string" ? data.start : undefined;
  const endText = typeof data.end === "string" ? data.end : undefined;
  // The root cause of the lost start date: rc-picker resets its in-progress (calendar) value to `value`
  // whenever `value` changes identity, and a fresh array on every render (RJSF re-renders the field on
  // focus, blur and every form change) threw away a start picked or typed but not yet submitted. The value
  // only changes identity when the dates do.
  const value = useMemo<[Dayjs | null, Dayjs | null]>(
    () => [toDay(startText), toDay(endText)],
    [startText, endText],
  );
  const id = fieldPathId.$id;
  const startTitle = titleOf(schema, "start");
  const endTitle = titleOf(schema, "end");
  const nested = [...(errorSchema?.start?.__errors ?? []), ...(errorSchema?.end?.__errors ?? [])];
  const status = rawErrors?.length || nested.length ? "error" : undefined;
  const isDisabled = disabled || (readonlyAsDisabled && readonly);
  const commit = (start: string | undefined, end: string | undefined) =>
    onChange(rangeValue(start, end), fieldPathId.path);

  return (
    <>
      {narrow ? (
        <div className="sb-date-range-stacked">
          {(["start", "end"] as const).map((side, index) => (
            <DatePicker
              key={side}
              id={side === "start" ? id : `${id}.end`}
              value={value[index]}
              format={ISO}
              disabled={isDisabled}
              open={readonly ? false : undefined}
              // The edition names each end (its schema titles); generic words only when it does not.
              placeholder={(side === "start" ? startTitle : endTitle) ?? (side === "start" ? "开始" : "结束")}
              aria-label={(side === "start" ? startTitle : endTitle) ?? (side === "start" ? "开始" : "结束")}
              status={status}
              style={{ width: "100%" }}
              inputReadOnly={false}
              onChange={(date: Dayjs | null) => {
                const text = date?.format(ISO);
                if (side === "start") commit(text, endText);
                else commit(startText, text);
              }}
              onBlur={() => onBlur(id, formData)}
              onFocus={() => onFocus(id, formData)}
            />
          ))}
        </div>
      ) : (
        <DatePicker.RangePicker
          id={{ start: id, end: `${id}.end` }}
          value={value}
          format={ISO}
          allowEmpty={[true, true]}
          disabled={isDisabled}
          open={readonly ? false : undefined}
          // Without titles in the edition antd's zh-CN locale supplies its own placeholders.
          placeholder={
            startTitle !== undefined && endTitle !== undefined ? [startTitle, endTitle] : undefined
          }
          status={status}
          style={{ width: "100%" }}
          onChange={(dates) => commit(dates?.[0]?.format(ISO), dates?.[1]?.format(ISO))}
          // rc-picker only submits a range when it closes with both ends (or on blur), so a start typed
          // then left with Enter/Tab never reached onChange; keep each end as soon as it is a valid date.
          onCalendarChange={(dates) => {
            const start = dates?.[0]?.format(ISO);
            const end = dates?.[1]?.format(ISO);
            if (start !== startText || end !== endText) commit(start, end);
          }}
          onBlur={() => onBlur(id, formData)}
          onFocus={() => onFocus(id, formData)}
        />
      )}
      {nested.map((message) => (
        <div key={message} className="sb-form-error">
          {message}
        </div>
      ))}
    </>
  );
}
