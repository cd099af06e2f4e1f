/**
 * A field's messages under its control, one line each, in the element `aria-describedby` points at, so a
 * screen reader reads the message with the field.
 */
import type { FieldErrorProps } from "@rjsf/utils";
import { errorId } from "@rjsf/utils";

/** Renders the messages of one field (none: nothing). */
export function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const messages = errors.filter((error) => error !== "" && error !== null && error !== undefined);
  if (messages.length === 0) return null;
  return (
    <div id={errorId(fieldPathId)}>
      {messages.map((message, index) => (
        <div key={index} className="sb-form-error">
          {message}
        </div>
      ))}
    </div>
  );
}
