/**
 * Stands in for `markdown-to-jsx/react` in the browser build (vite.config.ts): RJSF renders Markdown only
 * where a uiSchema sets `ui:enableMarkdownInDescription`, which editions do not use (FORMAT.md), yet its
 * parser was 28 kB gzip on every section page (issue 12). Text is shown as written.
 */
import type { ReactNode } from "react";

/** Renders its text as plain text. */
export function Markdown({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}
