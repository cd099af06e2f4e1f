/**
 * The one registry of custom json-logic operators. Every operator lives in its own file; adding one
 * here makes it available to rules, `appliesWhen` and the linter's operator check at once.
 */
import jsonLogic from "json-logic-js";
import { addYears } from "./addYears.js";
import { count } from "./count.js";
import { durationBetween } from "./durationBetween.js";
import { isDate } from "./isDate.js";
import { onOrAfter } from "./onOrAfter.js";
import { overlaps } from "./overlaps.js";
import { unique } from "./unique.js";
import { yearsBetween } from "./yearsBetween.js";

/** Custom operators by the name rules use. */
export const CUSTOM_OPERATORS: Readonly<Record<string, (...args: never[]) => unknown>> = {
  addYears,
  count,
  durationBetween,
  isDate,
  onOrAfter,
  overlaps,
  unique,
  yearsBetween,
};

/** The operators json-logic-js 2.0.5 ships, for the linter's "unknown operator" check. */
export const STANDARD_OPERATORS: readonly string[] = [
  "var",
  "missing",
  "missing_some",
  "if",
  "?:",
  "==",
  "===",
  "!=",
  "!==",
  "!",
  "!!",
  "or",
  "and",
  ">",
  ">=",
  "<",
  "<=",
  "max",
  "min",
  "+",
  "-",
  "*",
  "/",
  "%",
  "map",
  "filter",
  "reduce",
  "all",
  "none",
  "some",
  "merge",
  "in",
  "cat",
  "substr",
  "log",
];

let registered = false;

/** Registers the custom operators with json-logic-js once per process (it keeps a global table). */
export function registerOperators(): void {
  if (registered) return;
  for (const [name, operator] of Object.entries(CUSTOM_OPERATORS)) {
    jsonLogic.add_operation(name, operator as (...args: unknown[]) => unknown);
  }
  registered = true;
}

/** True when `name` is a standard or custom operator. */
export function isKnownOperator(name: string): boolean {
  return STANDARD_OPERATORS.includes(name) || Object.hasOwn(CUSTOM_OPERATORS, name);
}
