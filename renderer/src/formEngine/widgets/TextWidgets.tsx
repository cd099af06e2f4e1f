/**
 * Text, text-area and number boxes that keep typing to themselves (issue 12): each key updates only this
 * box; RJSF — which re-renders the whole form on a change — hears the text after a pause, on blur, or when
 * FormEngine saves (see `pendingEdits.ts`). Numbers are typed as text and never clamped or rounded: what
 * is out of range or not a number keeps what was typed and gets the schema's message on blur.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ChangeEvent } from "react";
import { flushSync } from "react-dom";
import { Input } from "antd";
import { ariaDescribedByIds, type BaseInputTemplateProps, type WidgetProps } from "@rjsf/utils";
import { engineContext } from "../formEngineContext.js";

/** How long typing may pause before RJSF hears it; a blur or a save hands it over at once. */
export const TYPING_PAUSE_MS = 400;

const FULL_WIDTH = { width: "100%" };

const textOf = (value: unknown) => (value === undefined || value === null ? "" : String(value));

/**
 * The box's own text and the functions that hand it to RJSF. `toValue` turns text into the value RJSF
 * stores; a new `value` from outside (a reset, another session) replaces the text unless typing is pending.
 */
function useBufferedText(props: WidgetProps, toValue: (text: string) => unknown) {
  const { value, onChange, registry } = props;
  const edits = engineContext(registry).pendingEdits;
  const [text, setText] = useState(() => textOf(value));
  const latest = useRef({ text, onChange, toValue, handed: value as unknown });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [flush] = useState(() => {
    const hand = () => {
      if (timer.current === undefined) return;
      clearTimeout(timer.current);
      timer.current = undefined;
      edits?.settled(hand);
      const state = latest.current;
      state.handed = state.toValue(state.text);
      // Synchronously, so a save that flushes first reads the data RJSF reports right away.
      flushSync(() => state.onChange(state.handed));
    };
    return hand;
  });

  useLayoutEffect(() => {
    latest.current.onChange = onChange;
    latest.current.toValue = toValue;
  });
  if (timer.current === undefined && !Object.is(value, latest.current.handed)) {
    // RJSF's value changed from outside: show it (React's "adjust state while rendering" pattern).
    latest.current.handed = value;
    latest.current.text = textOf(value);
    setText(textOf(value));
  }
  useEffect(
    () => () => {
      // Unmounting: a branch just hidden (its data is pruned anyway) or a form replaced by new data.
      // Leaving the page blurs the box first, which has already handed the text over.
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = undefined;
      edits?.settled(flush);
    },
    [edits, flush],
  );

  const type = useCallback(
    (next: string) => {
      latest.current.text = next;
      setText(next);
      if (timer.current === undefined) edits?.started(flush);
      else clearTimeout(timer.current);
      timer.current = setTimeout(flush, TYPING_PAUSE_MS);
    },
    [edits, flush],
  );
  return { text, type, flush };
}

function useBoxHandlers(props: WidgetProps, flush: () => void) {
  const { id, onBlur, onFocus, readonly } = props;
  return readonly
    ? {}
    : {
        onBlur: (event: { target: { value: string } }) => {
          flush();
          onBlur(id, event.target.value);
        },
        onFocus: (event: { target: { value: string } }) => onFocus(id, event.target.value),
      };
}

const disabledOf = (props: WidgetProps) =>
  props.disabled || ((engineContext(props.registry).readonlyAsDisabled ?? true) && props.readonly);

/** A multi-line box (`"ui:widget": "textarea"`, `ui:options.rows`). */
export function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, options, placeholder, readonly } = props;
  const emptyValue = options.emptyValue;
  const toValue = useCallback((text: string) => (text === "" ? emptyValue : text), [emptyValue]);
  const { text, type, flush } = useBufferedText(props, toValue);
  return (
    <Input.TextArea
      id={id}
      name={htmlName || id}
      disabled={disabledOf(props)}
      readOnly={readonly}
      placeholder={placeholder}
      rows={typeof options.rows === "number" ? options.rows : 4}
      style={FULL_WIDTH}
      value={text}
      onChange={readonly ? undefined : (event: ChangeEvent<HTMLTextAreaElement>) => type(event.target.value)}
      {...useBoxHandlers(props, flush)}
      aria-describedby={ariaDescribedByIds(id)}
    />
  );
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Text → number when it reads as one; other text is kept as typed, so validation can say what is wrong. */
export function numberOf(text: string, emptyValue: unknown): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return emptyValue;
  return NUMBER.test(trimmed) ? Number(trimmed) : text;
}

/** A one-line box for text (`string`) and numbers (`integer`, `number`, `"ui:widget": "updown"`). */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, options, placeholder, readonly, required, schema, type: inputType } = props;
  const isNumber =
    inputType === "number" ||
    inputType === "integer" ||
    schema.type === "number" ||
    schema.type === "integer";
  const emptyValue = options.emptyValue;
  const toValue = useCallback(
    (text: string) => (isNumber ? numberOf(text, emptyValue) : text === "" ? emptyValue : text),
    [isNumber, emptyValue],
  );
  const { text, type, flush } = useBufferedText(props, toValue);
  return (
    <Input
      id={id}
      name={htmlName || id}
      type={isNumber || inputType === undefined ? "text" : inputType}
      inputMode={isNumber ? (schema.type === "integer" ? "numeric" : "decimal") : undefined}
      disabled={disabledOf(props)}
      readOnly={readonly}
      required={required}
      placeholder={placeholder}
      style={FULL_WIDTH}
      value={text}
      onChange={readonly ? undefined : (event: ChangeEvent<HTMLInputElement>) => type(event.target.value)}
      {...useBoxHandlers(props, flush)}
      aria-describedby={ariaDescribedByIds(id)}
    />
  );
}
