/**
 * Linting json-logic inside an edition (FORM-3): every operator known, every `var` naming a field that
 * exists in the scope the logic runs in (a rule, an each-item, a manifest condition, a binding).
 */
import { isKnownOperator, schemaAt, type Json, type JsonSchema, type Logic } from "@shenbao/rules";
import { pointer } from "./messages.js";

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Resolves a `var` path: true = exists, false = does not, undefined = cannot tell (skip). */
export type Scope = (path: string) => boolean | undefined;

const ITEM_OPERATORS = new Set(["map", "filter", "all", "some", "none"]);

function itemScope(schema: JsonSchema | undefined): Scope {
  const items = schema?.items;
  if (!isObject(items)) return () => undefined;
  return (path) => path === "" || schemaAt(items, path) !== undefined;
}

/** Resolves the first argument of map/filter/… to the array schema it names, if it is a plain var. */
export type ArrayResolver = (path: string) => JsonSchema | undefined;

/** Reports unknown operators and `var`s outside `scope` in `logic`, found at JSON Pointer `at`. */
export function lintLogic(
  logic: Logic | undefined,
  at: string,
  scope: Scope,
  arrays: ArrayResolver,
  report: (path: string, message: string) => void,
): void {
  if (Array.isArray(logic)) {
    logic.forEach((child, index) => lintLogic(child, pointer(at, index), scope, arrays, report));
    return;
  }
  if (!isObject(logic)) return;
  const keys = Object.keys(logic);
  if (keys.length !== 1) {
    report(at, `a json-logic operation has exactly one operator, found ${keys.length}`);
    return;
  }
  const operator = keys[0] as string;
  const args = logic[operator];
  const here = pointer(at, operator);
  if (!isKnownOperator(operator)) {
    report(here, `unknown json-logic operator "${operator}"`);
    return;
  }
  if (operator === "var") {
    const name = Array.isArray(args) ? args[0] : args;
    if (typeof name === "string" && scope(name) === false)
      report(here, `names field "${name}" that does not exist`);
    return;
  }
  const list = Array.isArray(args) ? args : [args];
  if (ITEM_OPERATORS.has(operator) || operator === "reduce") {
    const source = list[0];
    lintLogic(source, pointer(here, 0), scope, arrays, report);
    const sourceVar = isObject(source) && typeof source.var === "string" ? source.var : undefined;
    const inner =
      operator === "reduce" || sourceVar === undefined ? () => undefined : itemScope(arrays(sourceVar));
    list
      .slice(1)
      .forEach((child, index) => lintLogic(child, pointer(here, index + 1), inner, () => undefined, report));
    return;
  }
  if (Array.isArray(args))
    args.forEach((child, index) => lintLogic(child, pointer(here, index), scope, arrays, report));
  else lintLogic(args, here, scope, arrays, report);
}
