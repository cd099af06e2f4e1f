/**
 * The messages of the section's `hint` rules (e.g. how long an apprenticeship has run so far), by field
 * path, for FieldTemplate to show under the field. A React context rather than RJSF's formContext: a new
 * hint then re-renders the field rows, not every widget of the form.
 */
import { createContext } from "react";
import type { SectionHint } from "@shenbao/rules";

/** Field path → the hint messages shown under it. */
export type HintsByPath = ReadonlyMap<string, string[]>;

/** The current hints of the form FormEngine renders (empty outside one). */
export const HintsContext = createContext<HintsByPath>(new Map());

/** Groups hints by the field they belong to, keeping their order. */
export function hintsByPath(hints: SectionHint[]): HintsByPath {
  const byPath = new Map<string, string[]>();
  for (const hint of hints) byPath.set(hint.path, [...(byPath.get(hint.path) ?? []), hint.message]);
  return byPath;
}
