/**
 * Which answers of a section can change its effective schema: the `var`s of its `show` / `require`
 * rules that read `answers.*`. FormEngine recomputes `effectiveSection` only when one of these changes,
 * never on an ordinary keystroke.
 */
import type { FormDefinition, Json, Logic, RuleEffect, SectionData } from "@shenbao/rules";
import { getAt } from "@shenbao/rules";

function collectVars(logic: Logic | undefined, into: Set<string>): void {
  if (Array.isArray(logic)) {
    logic.forEach((part) => collectVars(part, into));
    return;
  }
  if (logic === null || typeof logic !== "object") return;
  for (const [operator, argument] of Object.entries(logic)) {
    if (operator === "var") {
      const name = Array.isArray(argument) ? argument[0] : argument;
      if (typeof name === "string") into.add(name);
      else if (name === undefined || name === null) into.add("");
    }
    collectVars(argument, into);
  }
}

/**
 * Dotted paths inside this section's data that rules of these effects read ("" = the whole data): by
 * default the `show` / `require` rules, which shape the effective schema. `each` rules of those only
 * affect items, which the effective schema leaves to `checkSection`, so they are skipped; an `each` hint
 * watches its whole list.
 */
export function watchedPaths(form: FormDefinition, effects: RuleEffect[] = ["show", "require"]): string[] {
  const vars = new Set<string>();
  for (const rule of form.rules) {
    if (!effects.includes(rule.effect)) continue;
    if (rule.each !== undefined) {
      if (rule.effect === "hint") vars.add(`answers.${rule.each}`);
      continue;
    }
    collectVars(rule.when, vars);
    for (const logic of Object.values(rule.values ?? {})) collectVars(logic, vars);
  }
  const paths = new Set<string>();
  // Rules may also name this section through `sections.<key>` (FORMAT.md), which reads the same data.
  const ownSection = `sections.${form.key}`;
  for (const name of vars) {
    if (name === ownSection) paths.add("");
    else if (name.startsWith(`${ownSection}.`)) paths.add(name.slice(ownSection.length + 1));
    // A bare "answers" (or an empty var, the whole data) makes every change relevant.
    if (name === "answers" || name === "") paths.add("");
    else if (name.startsWith("answers.")) paths.add(name.slice("answers.".length));
  }
  return [...paths].sort();
}

/** The watched values of the data, as one comparable string (cheap: a few small values per keystroke). */
export function watchedKey(data: SectionData, paths: string[]): string {
  return JSON.stringify(paths.map((path) => getAt(data, path) ?? null));
}

/** A copy of only the watched values, enough for `effectiveSection` since no other value affects it. */
export function pickWatched(data: SectionData, paths: string[]): SectionData {
  if (paths.includes("")) return structuredClone(data);
  const picked: SectionData = {};
  for (const path of paths) {
    const value = getAt(data, path);
    if (value === undefined) continue;
    const segments = path.split(".");
    const last = segments.pop() as string;
    let node: { [key: string]: Json } = picked;
    for (const segment of segments) {
      const child = node[segment];
      if (child === null || typeof child !== "object" || Array.isArray(child)) node[segment] = {};
      node = node[segment] as { [key: string]: Json };
    }
    node[last] = structuredClone(value);
  }
  return picked;
}
