/**
 * The RJSF validator of FormEngine, built on @cfworker/json-schema, which interprets schemas instead of
 * compiling them to code: the browser never needs `eval` / `unsafe-eval` (issue 12; @rjsf/validator-ajv8
 * compiled every schema, and the JSON Schema meta-schema, with `new Function` on the first render).
 * RJSF only asks it which `oneOf` option data matches and for defaults. User-facing messages never come
 * from it: they come from `checkSection` in @shenbao/rules.
 */
import { Validator, type OutputUnit, type Schema } from "@cfworker/json-schema";
import {
  ErrorSchemaBuilder,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from "@rjsf/utils";

// RJSF hands the same schema objects again and again; interpreting one needs it walked once.
const validators = new WeakMap<object, Validator>();

function validatorOf(schema: RJSFSchema, shortCircuit: boolean): Validator {
  if (!shortCircuit) return new Validator(schema as Schema, "7", false);
  let validator = validators.get(schema);
  if (validator === undefined) {
    validator = new Validator(schema as Schema, "7", true);
    validators.set(schema, validator);
  }
  return validator;
}

/** `#/cases/2/phone` → `["cases", "2", "phone"]`. */
const pathOf = (instanceLocation: string) =>
  instanceLocation
    .replace(/^#\/?/, "")
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));

function toRjsfError(unit: OutputUnit): RJSFValidationError {
  const path = pathOf(unit.instanceLocation);
  const property = path.length === 0 ? "" : `.${path.join(".")}`;
  return { name: unit.keyword, property, message: unit.error, stack: `${property} ${unit.error}`.trim() };
}

/** The shared validator instance (generic over the form data, as RJSF's own validators are). */
export const validator: ValidatorType = {
  isValid(schema, formData) {
    return validatorOf(schema, true).validate(formData).valid;
  },
  rawValidation<Result = OutputUnit>(schema: RJSFSchema, formData?: unknown) {
    const result = validatorOf(schema, false).validate(formData);
    return { errors: result.errors as Result[] };
  },
  validateFormData(formData: unknown, schema: RJSFSchema): ValidationData<unknown> {
    const result = validatorOf(schema, false).validate(formData);
    // cfworker reports each failing parent keyword too ("properties" …); keep the leaves RJSF can place.
    const leaves = result.errors.filter((unit) => !["properties", "items", "allOf"].includes(unit.keyword));
    const errors = leaves.map(toRjsfError);
    const builder = new ErrorSchemaBuilder();
    for (const unit of leaves) builder.addErrors(unit.error, pathOf(unit.instanceLocation));
    return { errors, errorSchema: builder.ErrorSchema };
  },
};
