/**
 * Evaluating json-logic with the custom operators registered, and the truthiness json-logic defines
 * (an empty list is false), so rules mean the same in the browser and on the server (FORM-5).
 */
import jsonLogic from "json-logic-js";
import { registerOperators } from "./operators/index.js";
import type { Json, Logic } from "./types.js";

/** Applies a json-logic expression to data. */
export function evaluate(logic: Logic, data: unknown): unknown {
  registerOperators();
  return jsonLogic.apply(logic as jsonLogic.RulesLogic<jsonLogic.AdditionalOperation>, data);
}

/** Applies an optional condition: absent means it holds. */
export function holds(logic: Logic | undefined, data: unknown): boolean {
  if (logic === undefined) return true;
  return jsonLogic.truthy(evaluate(logic, data));
}

/** The data a rule sees: candidate type, this section, every section, and the item for `each` rules. */
export interface LogicData {
  candidateType: string | null;
  answers: Json;
  sections: Record<string, Json>;
  item?: Json;
  index?: number;
}
