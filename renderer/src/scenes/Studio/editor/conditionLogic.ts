/**
 * A rule's json-logic condition ↔ the visual builder's query (react-querybuilder), with the custom
 * operators of @shenbao/rules the builder offers: filled / empty, isDate, onOrAfter (also against another
 * date plus years, addYears), overlaps, count (also of a list's items whose field equals a value,
 * count(filter(…))), unique values of an item field (unique(map(…))), yearsBetween. `logicToQuery` only
 * answers when the query writes back the same json-logic — exactly, but for `{"!": [x]}` written
 * `{"!": x}`, which json-logic reads alike — so a condition the builder cannot express is shown as raw
 * JSON instead, and never rewritten.
 */
import { defaultRuleProcessorJsonLogic, formatQuery } from "react-querybuilder/formatQuery";
import { parseJsonLogic } from "react-querybuilder/parseJsonLogic";
import type { FullField, FullOperator, RuleGroupType, RuleProcessor, RuleType } from "react-querybuilder";
import type { ConditionField } from "@shenbao/forms/studio";
import type { Json, Logic } from "@shenbao/rules";

type JsonObject = { [key: string]: Json };
const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isVar = (value: unknown): value is { var: string } => isObject(value) && typeof value.var === "string";

const COUNT_COMPARISONS = { "==": "countEq", ">=": "countGte", "<=": "countLte" } as const;
const COUNT_LOGIC = Object.fromEntries(Object.entries(COUNT_COMPARISONS).map(([op, name]) => [name, op]));
const YEARS_COMPARISONS = { ">=": "yearsGte", "<": "yearsLt" } as const;
const YEARS_LOGIC = Object.fromEntries(Object.entries(YEARS_COMPARISONS).map(([op, name]) => [name, op]));
const COUNT_WHERE_COMPARISONS = {
  "==": "countWhereEq",
  ">=": "countWhereGte",
  "<=": "countWhereLte",
} as const;
const COUNT_WHERE_LOGIC = Object.fromEntries(
  Object.entries(COUNT_WHERE_COMPARISONS).map(([op, name]) => [name, op]),
);
/** The operators whose value is another date field and a number of years, `path,years` (see `yearsValue`). */
export const YEARS_VALUE_OPERATORS: ReadonlySet<string> = new Set([
  ...Object.values(YEARS_COMPARISONS),
  "onOrAfterYears",
  "onOrBeforeYears",
]);
/** The operators whose value is an item field, a number and a value, `field,count,value` (see `countWhereValue`). */
export const COUNT_WHERE_OPERATORS: ReadonlySet<string> = new Set(Object.values(COUNT_WHERE_COMPARISONS));
const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";
/** json-logic's one-argument operators, which read `[x]` and `x` alike. */
const UNARY = new Set(["!", "!!"]);

/**
 * The value of a yearsGte / yearsLt / onOrAfterYears / onOrBeforeYears rule: the other date field and the
 * number of years, `path,years`.
 */
export function yearsValue(value: unknown): { other: string; years: number | undefined } {
  const [other = "", years = ""] = String(value ?? "").split(",");
  return { other, years: years.trim() === "" || Number.isNaN(Number(years)) ? undefined : Number(years) };
}

/**
 * The value of a countWhere… rule: the item field, the number, and the value the item field equals, written
 * `field,count,value` (the value last, so it may hold commas).
 */
export function countWhereValue(value: unknown): { item: string; count: number | undefined; equals: string } {
  const [item = "", count = "", ...rest] = String(value ?? "").split(",");
  return {
    item,
    count: count.trim() === "" || Number.isNaN(Number(count)) ? undefined : Number(count),
    equals: rest.join(","),
  };
}

/**
 * The builder's operators with Chinese labels; `arity: "unary"` ones take no value. The four 「…（年）」
 * ones take another date field and a number of years (see `yearsValue`); 「其中条数…」 an item field, the value
 * it equals and a number (see `countWhereValue`); 「各条不重复」 an item field.
 */
export const OPERATORS = {
  "=": { name: "=", value: "=", label: "等于" },
  "!=": { name: "!=", value: "!=", label: "不等于" },
  "<": { name: "<", value: "<", label: "小于" },
  "<=": { name: "<=", value: "<=", label: "小于等于" },
  ">": { name: ">", value: ">", label: "大于" },
  ">=": { name: ">=", value: ">=", label: "大于等于" },
  in: { name: "in", value: "in", label: "是其中之一" },
  notIn: { name: "notIn", value: "notIn", label: "不是其中任何一个" },
  filled: { name: "filled", value: "filled", label: "已填写", arity: "unary" },
  empty: { name: "empty", value: "empty", label: "未填写", arity: "unary" },
  isDate: { name: "isDate", value: "isDate", label: "是有效日期", arity: "unary" },
  notDate: { name: "notDate", value: "notDate", label: "不是有效日期", arity: "unary" },
  onOrAfter: { name: "onOrAfter", value: "onOrAfter", label: "不早于" },
  onOrBefore: { name: "onOrBefore", value: "onOrBefore", label: "不晚于" },
  overlaps: { name: "overlaps", value: "overlaps", label: "与期间重叠（起,止）" },
  countEq: { name: "countEq", value: "countEq", label: "数量等于" },
  countGte: { name: "countGte", value: "countGte", label: "数量至少" },
  countLte: { name: "countLte", value: "countLte", label: "数量至多" },
  yearsGte: { name: "yearsGte", value: "yearsGte", label: "距…满（年）" },
  yearsLt: { name: "yearsLt", value: "yearsLt", label: "距…不满（年）" },
  onOrAfterYears: { name: "onOrAfterYears", value: "onOrAfterYears", label: "不早于…之后（年）" },
  onOrBeforeYears: { name: "onOrBeforeYears", value: "onOrBeforeYears", label: "不晚于…之后（年）" },
  countWhereEq: { name: "countWhereEq", value: "countWhereEq", label: "其中条数等于" },
  countWhereGte: { name: "countWhereGte", value: "countWhereGte", label: "其中条数至少" },
  countWhereLte: { name: "countWhereLte", value: "countWhereLte", label: "其中条数至多" },
  uniqueBy: { name: "uniqueBy", value: "uniqueBy", label: "各条不重复" },
} satisfies Record<string, FullOperator>;
type OperatorName = keyof typeof OPERATORS;

/** Which operators a field of `kind` offers. */
export function operatorsFor(kind: ConditionField["kind"]): OperatorName[] {
  const presence: OperatorName[] = ["filled", "empty"];
  switch (kind) {
    case "number":
      return ["=", "!=", "<", "<=", ">", ">=", ...presence];
    case "date":
      return [
        "onOrAfter",
        "onOrBefore",
        "onOrAfterYears",
        "onOrBeforeYears",
        "isDate",
        "notDate",
        "yearsGte",
        "yearsLt",
        "=",
        "!=",
        ...presence,
      ];
    case "dateRange":
      return ["overlaps", ...presence];
    case "list":
      return [
        ...presence,
        "countEq",
        "countGte",
        "countLte",
        "countWhereEq",
        "countWhereGte",
        "countWhereLte",
        "uniqueBy",
      ];
    case "attachment":
    case "multiChoice":
      return [...presence, "countEq", "countGte", "countLte"];
    case "group":
      return presence;
    case "choice":
    case "candidateType":
    case "boolean":
    case "division":
      return ["=", "!=", "in", "notIn", ...presence];
    default:
      return ["=", "!=", "in", "notIn", ...presence];
  }
}

/** The builder's fields: one per readable field, values as strings (the builder's selects hold strings). */
export function builderFields(fields: ConditionField[]): FullField[] {
  return fields.map((field) => {
    const built: FullField = {
      name: field.name,
      value: field.name,
      label: field.name === "candidateType" ? field.label : `${field.group} · ${field.label}`,
      operators: operatorsFor(field.kind).map((name) => OPERATORS[name]),
    };
    if (field.values !== undefined) {
      built.valueEditorType = (_operator: string) => "select";
      built.values = field.values.map((value) => ({ name: String(value.value), label: value.label }));
    } else if (field.kind === "number") built.inputType = "number";
    else if (field.kind === "date") built.inputType = "date";
    if (field.kind === "date")
      built.valueSources = [
        { name: "value", value: "value", label: "日期" },
        { name: "field", value: "field", label: "另一字段" },
      ];
    return built;
  });
}

/** `{"!": [x]}` → `{"!": x}` throughout: the form the builder writes, read alike by json-logic. */
function unwrapUnary(logic: Json): Json {
  if (Array.isArray(logic)) return logic.map(unwrapUnary);
  if (!isObject(logic)) return logic;
  const [operator, args] = Object.entries(logic)[0] ?? [];
  if (operator === undefined || Object.keys(logic).length !== 1) return logic;
  if (UNARY.has(operator) && Array.isArray(args) && args.length === 1)
    return { [operator]: unwrapUnary(args[0]!) };
  return { [operator]: unwrapUnary(args as Json) };
}

/** `{"addYears": [{"var": other}, n]}` → [other, n], else undefined. */
function laterDate(value: Json | undefined): [{ var: string }, number] | undefined {
  if (!isObject(value) || !Array.isArray(value.addYears) || value.addYears.length !== 2) return undefined;
  const [other, years] = value.addYears;
  return isVar(other) && typeof years === "number" ? [other, years] : undefined;
}

/**
 * Rewrites the shapes the parser cannot read into pseudo operations it can be taught:
 * `{">=": [{"count": {"var": f}}, n]}`, `{">=": [{"yearsBetween": [a, b]}, n]}`,
 * `{"onOrAfter": [a, {"addYears": [b, n]}]}` (and its mirror),
 * `{"==": [{"count": {"filter": [{"var": list}, {"==": [{"var": f}, v]}]}}, n]}` and
 * `{"unique": {"map": [{"var": list}, {"var": f}]}}`.
 */
function markPseudoOperations(logic: Json): Json {
  if (Array.isArray(logic)) return logic.map(markPseudoOperations);
  if (!isObject(logic)) return logic;
  const [operator, args] = Object.entries(logic)[0] ?? [];
  if (operator === undefined) return logic;
  if (operator === "onOrAfter" && Array.isArray(args) && args.length === 2) {
    const [a, b] = args;
    const afterB = laterDate(b);
    if (isVar(a) && afterB !== undefined) return { onOrAfterYears: [a, ...afterB] };
    const afterA = laterDate(a);
    if (afterA !== undefined && isVar(b)) return { onOrBeforeYears: [b, ...afterA] };
  }
  if (operator in COUNT_WHERE_COMPARISONS && Array.isArray(args) && args.length === 2) {
    const [counted, n] = args;
    const filter = isObject(counted) && isObject(counted.count) ? counted.count.filter : undefined;
    const [list, test] = Array.isArray(filter) && filter.length === 2 ? filter : [];
    const equals = isObject(test) && Array.isArray(test["=="]) ? test["=="] : [];
    if (
      isVar(list) &&
      equals.length === 2 &&
      isVar(equals[0]) &&
      isScalar(equals[1]) &&
      typeof n === "number"
    )
      return {
        [COUNT_WHERE_COMPARISONS[operator as keyof typeof COUNT_WHERE_COMPARISONS]]: [
          list,
          equals[0].var,
          equals[1],
          n,
        ],
      };
  }
  if (operator === "unique" && isObject(args) && Array.isArray(args.map) && args.map.length === 2) {
    const [list, item] = args.map;
    if (isVar(list) && isVar(item)) return { uniqueBy: [list, item.var] };
  }
  if (
    operator in COUNT_COMPARISONS &&
    Array.isArray(args) &&
    args.length === 2 &&
    isObject(args[0]) &&
    isVar(args[0].count) &&
    typeof args[1] === "number"
  )
    return { [COUNT_COMPARISONS[operator as keyof typeof COUNT_COMPARISONS]]: [args[0].count, args[1]] };
  if (
    operator in YEARS_COMPARISONS &&
    Array.isArray(args) &&
    args.length === 2 &&
    isObject(args[0]) &&
    Array.isArray(args[0].yearsBetween) &&
    args[0].yearsBetween.length === 2 &&
    args[0].yearsBetween.every(isVar) &&
    typeof args[1] === "number"
  )
    return {
      [YEARS_COMPARISONS[operator as keyof typeof YEARS_COMPARISONS]]: [
        ...(args[0].yearsBetween as Json[]),
        args[1],
      ],
    };
  return { [operator]: markPseudoOperations(args as Json) };
}

type Parsed = RuleType | RuleGroupType | false;

function parseOptions(fields: FullField[]) {
  const options = {
    fields,
    jsonLogicOperations: {
      "!!": (arg: Json): Parsed => (isVar(arg) ? { field: arg.var, operator: "filled", value: "" } : false),
      "!": (arg: Json): Parsed => {
        if (isVar(arg)) return { field: arg.var, operator: "empty", value: "" };
        if (isObject(arg) && isVar(arg.isDate))
          return { field: arg.isDate.var, operator: "notDate", value: "" };
        if (isObject(arg) && Array.isArray(arg.in) && isVar(arg.in[0]) && Array.isArray(arg.in[1]))
          return { field: arg.in[0].var, operator: "notIn", value: arg.in[1].map(String).join(",") };
        const inner = parseJsonLogic(arg as never, options);
        return inner.rules.length === 0 ? false : { ...inner, not: true };
      },
      isDate: (arg: Json): Parsed => (isVar(arg) ? { field: arg.var, operator: "isDate", value: "" } : false),
      onOrAfter: (arg: Json): Parsed => {
        if (!Array.isArray(arg) || arg.length !== 2) return false;
        const [a, b] = arg;
        if (isVar(a) && isVar(b))
          return { field: a.var, operator: "onOrAfter", value: b.var, valueSource: "field" };
        if (isVar(a) && typeof b === "string") return { field: a.var, operator: "onOrAfter", value: b };
        if (typeof a === "string" && isVar(b)) return { field: b.var, operator: "onOrBefore", value: a };
        return false;
      },
      overlaps: (arg: Json): Parsed => {
        if (!Array.isArray(arg) || arg.length !== 3 || !isVar(arg[0])) return false;
        const [, from, to] = arg;
        if (![from, to].every((bound) => bound === null || typeof bound === "string")) return false;
        if (from === "" || to === "") return false;
        return { field: arg[0].var, operator: "overlaps", value: `${from ?? ""},${to ?? ""}` };
      },
      ...Object.fromEntries(
        [...YEARS_VALUE_OPERATORS].map((name) => [
          name,
          (arg: Json): Parsed =>
            Array.isArray(arg) && isVar(arg[0]) && isVar(arg[1]) && typeof arg[2] === "number"
              ? { field: arg[0].var, operator: name, value: `${arg[1].var},${arg[2]}` }
              : false,
        ]),
      ),
      uniqueBy: (arg: Json): Parsed =>
        Array.isArray(arg) && isVar(arg[0]) && typeof arg[1] === "string"
          ? { field: arg[0].var, operator: "uniqueBy", value: arg[1] }
          : false,
      ...Object.fromEntries(
        [...COUNT_WHERE_OPERATORS].map((name) => [
          name,
          (arg: Json): Parsed =>
            Array.isArray(arg) && isVar(arg[0]) && typeof arg[1] === "string" && typeof arg[3] === "number"
              ? { field: arg[0].var, operator: name, value: `${arg[1]},${arg[3]},${String(arg[2])}` }
              : false,
        ]),
      ),
      ...Object.fromEntries(
        Object.values(COUNT_COMPARISONS).map((name) => [
          name,
          (arg: Json): Parsed =>
            Array.isArray(arg) && isVar(arg[0]) && typeof arg[1] === "number"
              ? { field: arg[0].var, operator: name, value: String(arg[1]) }
              : false,
        ]),
      ),
    },
  };
  return options;
}

/** The typed json-logic value of the builder's string `value` for `field`. */
function typedValue(field: ConditionField | undefined, value: unknown): Json {
  if (field?.values !== undefined) {
    const match = field.values.find((option) => String(option.value) === String(value));
    if (match !== undefined) return match.value;
  }
  if (
    field?.kind === "number" &&
    typeof value === "string" &&
    value.trim() !== "" &&
    !Number.isNaN(Number(value))
  )
    return Number(value);
  return value as Json;
}

function ruleProcessor(fields: ConditionField[]): RuleProcessor {
  const byName = new Map(fields.map((field) => [field.name, field]));
  return (rule, options) => {
    const field = byName.get(rule.field);
    const variable = { var: rule.field };
    const operator = rule.operator as OperatorName;
    switch (operator) {
      case "filled":
        return { "!!": variable };
      case "empty":
        return { "!": variable };
      case "isDate":
        return { isDate: variable };
      case "notDate":
        return { "!": { isDate: variable } };
      case "onOrAfter":
        return { onOrAfter: [variable, rule.valueSource === "field" ? { var: rule.value } : rule.value] };
      case "onOrBefore":
        return { onOrAfter: [rule.valueSource === "field" ? { var: rule.value } : rule.value, variable] };
      case "overlaps": {
        const [from = "", to = ""] = String(rule.value ?? "").split(",");
        return { overlaps: [variable, from.trim() || null, to.trim() || null] };
      }
      case "countEq":
      case "countGte":
      case "countLte":
        return { [COUNT_LOGIC[operator] as string]: [{ count: variable }, Number(rule.value)] };
      case "onOrAfterYears":
      case "onOrBeforeYears": {
        const { other, years } = yearsValue(rule.value);
        const later = { addYears: [{ var: other }, years ?? 0] };
        return { onOrAfter: operator === "onOrAfterYears" ? [variable, later] : [later, variable] };
      }
      case "countWhereEq":
      case "countWhereGte":
      case "countWhereLte": {
        const { item, count, equals } = countWhereValue(rule.value);
        const itemField = field?.items?.find((candidate) => candidate.name === item);
        const test = { "==": [{ var: item }, typedValue(itemField, equals)] };
        return {
          [COUNT_WHERE_LOGIC[operator] as string]: [{ count: { filter: [variable, test] } }, count ?? 0],
        };
      }
      case "uniqueBy":
        return { unique: { map: [variable, { var: String(rule.value ?? "") }] } };
      case "yearsGte":
      case "yearsLt": {
        const { other, years } = yearsValue(rule.value);
        return {
          [YEARS_LOGIC[operator] as string]: [{ yearsBetween: [variable, { var: other }] }, years ?? 0],
        };
      }
      case "in":
      case "notIn": {
        const list = (Array.isArray(rule.value) ? rule.value : String(rule.value ?? "").split(","))
          .map((entry) => String(entry).trim())
          .filter((entry) => entry !== "")
          .map((entry) => typedValue(field, entry));
        const inList = { in: [variable, list] };
        return operator === "in" ? inList : { "!": inList };
      }
      default:
        if (rule.valueSource === "field") return defaultRuleProcessorJsonLogic(rule, options);
        return defaultRuleProcessorJsonLogic({ ...rule, value: typedValue(field, rule.value) }, options);
    }
  };
}

/** `{"and": [x]}` → x, `{"!": {"and": [x]}}` → `{"!": x}`: what a person writes. */
function simplify(logic: Json): Json {
  if (Array.isArray(logic)) return logic.map(simplify);
  if (!isObject(logic)) return logic;
  const [operator, args] = Object.entries(logic)[0] ?? [];
  if (operator === undefined) return logic;
  if ((operator === "and" || operator === "or") && Array.isArray(args) && args.length === 1)
    return simplify(args[0] as Json);
  return { [operator]: simplify(args as Json) };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The json-logic of `query`; undefined for an empty query (the rule always applies). */
export function queryToLogic(query: RuleGroupType, fields: ConditionField[]): Logic | undefined {
  if (query.rules.length === 0) return undefined;
  const logic = formatQuery(query, { format: "jsonlogic", ruleProcessor: ruleProcessor(fields) }) as Json;
  return simplify(logic) as Logic;
}

/** Typed values the parser kept (booleans, numbers) as the strings the builder's selects hold. */
function stringValues(group: RuleGroupType): RuleGroupType {
  return {
    ...group,
    rules: group.rules.map((rule) => {
      if (typeof rule === "string") return rule;
      if ("rules" in rule) return stringValues(rule);
      return typeof rule.value === "boolean" || typeof rule.value === "number"
        ? { ...rule, value: String(rule.value) }
        : rule;
    }),
  };
}

/**
 * The builder's query for `logic`, or undefined when the builder cannot express it exactly (unknown
 * operators, fields outside the list, nested item logic …): then only the raw JSON may edit it.
 */
export function logicToQuery(logic: Logic | undefined, fields: ConditionField[]): RuleGroupType | undefined {
  if (logic === undefined) return { combinator: "and", rules: [] };
  if (!isObject(logic)) return undefined;
  const built = builderFields(fields);
  const plain = unwrapUnary(logic as Json);
  let query: RuleGroupType;
  try {
    query = stringValues(parseJsonLogic(markPseudoOperations(plain) as never, parseOptions(built)));
  } catch {
    return undefined;
  }
  const back = queryToLogic(query, fields);
  return canonical(back) === canonical(plain) ? query : undefined;
}
