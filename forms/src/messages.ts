/**
 * Where a problem of an edition is: the file (relative to the edition directory) and a JSON Pointer
 * inside it ("" = the whole file), with an explanation for the administrator.
 */
export interface LintMessage {
  file: string;
  path: string;
  message: string;
}

/** Appends segments to a JSON Pointer, escaping `~` and `/` (RFC 6901). */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>(
    (acc, segment) => `${acc}/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`,
    base,
  );
}

/** Formats a message as one line: `file path: message`. */
export function formatLintMessage(message: LintMessage): string {
  return `${message.file} ${message.path === "" ? "/" : message.path}: ${message.message}`;
}
