/**
 * The closed vocabulary of rule effects mapped to code in this one table (STYLE.md: logic rules are
 * data). Evaluation is a pure function of (rules, answers).
 */
import jsonLogic from "json-logic-js";
import { evaluate, holds, type LogicData } from "./logic.js";
import { withContext } from "./messages.js";
import { getAt, joinPath } from "./paths.js";
import type { Answers, FormDefinition, Json, Rule, RuleEffect, SectionData } from "./types.js";

/** What the rules of a form decide for the current answers; paths are dotted and absolute. */
export interface RuleOutcome {
  /** Fields to remove from schema, uiSchema and data (`show` whose condition fails). */
  hidden: string[];
  /** Fields that must not be empty (`require` whose condition holds). */
  required: string[];
  /** Failed `check` assertions, with their Chinese messages. */
  errors: { path: string; message: string }[];
  /** Messages of `hint` rules whose condition holds and whose placeholders all have values. */
  hints: { path: string; message: string }[];
}

const PLACEHOLDER = /\{([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\}/g;

/**
 * A hint's message with each `{name}` / `{name.part}` replaced by its evaluated value; undefined when a
 * placeholder has no value (a date not yet entered), so half-filled sentences are never shown.
 */
export function fillTemplate(template: string, values: Record<string, unknown>): string | undefined {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_match, name: string) => {
    let value: unknown = values;
    for (const part of name.split(".")) {
      value =
        typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (value === undefined || value === null || typeof value === "object") {
      missing = true;
      return "";
    }
    return String(value);
  });
  return missing ? undefined : text;
}

type EffectHandler = (
  rule: Rule,
  data: LogicData,
  base: string,
  form: FormDefinition,
) => Partial<RuleOutcome>;

/** Effect name → what it contributes to the outcome. */
export const EFFECTS: Readonly<Record<RuleEffect, EffectHandler>> = {
  show: (rule, data, base) =>
    holds(rule.when, data) ? {} : { hidden: (rule.fields ?? []).map((field) => joinPath(base, field)) },
  require: (rule, data, base) =>
    holds(rule.when, data) ? { required: (rule.fields ?? []).map((field) => joinPath(base, field)) } : {},
  check: (rule, data, base, form) => {
    if (!holds(rule.when, data) || jsonLogic.truthy(evaluate(rule.assert ?? true, data))) return {};
    const path = joinPath(base, rule.field ?? "");
    return { errors: [{ path, message: withContext(form.schema, path, rule.message ?? "") }] };
  },
  hint: (rule, data, base) => {
    if (!holds(rule.when, data)) return {};
    const values: Record<string, unknown> = {};
    for (const [name, logic] of Object.entries(rule.values ?? {})) values[name] = evaluate(logic, data);
    const message = fillTemplate(rule.message ?? "", values);
    return message === undefined ? {} : { hints: [{ path: joinPath(base, rule.field ?? ""), message }] };
  },
};

/** The json-logic data for a form: candidate type, this form's data, every section's data. */
export function logicData(key: string, answers: Answers, data: SectionData): LogicData {
  const sections: Record<string, Json> = {};
  for (const [name, value] of Object.entries(answers.sections))
    if (value !== undefined) sections[name] = value;
  sections[key] = data;
  return { candidateType: answers.candidateType ?? null, answers: data, sections };
}

/** Runs every rule of a form (once per item for `each` rules) and merges their outcomes. */
export function evaluateRules(form: FormDefinition, answers: Answers, data: SectionData): RuleOutcome {
  const outcome: RuleOutcome = { hidden: [], required: [], errors: [], hints: [] };
  const context = logicData(form.key, answers, data);
  const merge = (part: Partial<RuleOutcome>) => {
    // Loops, not push(...): one argument per item overflows the stack on long lists (issue 11).
    for (const path of part.hidden ?? []) outcome.hidden.push(path);
    for (const path of part.required ?? []) outcome.required.push(path);
    for (const error of part.errors ?? []) outcome.errors.push(error);
    for (const hint of part.hints ?? []) outcome.hints.push(hint);
  };
  for (const rule of form.rules) {
    const handler = EFFECTS[rule.effect];
    if (rule.each === undefined) {
      merge(handler(rule, context, "", form));
      continue;
    }
    const list = getAt(data, rule.each);
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) =>
      merge(handler(rule, { ...context, item, index }, joinPath(rule.each ?? "", index), form)),
    );
  }
  return outcome;
}
