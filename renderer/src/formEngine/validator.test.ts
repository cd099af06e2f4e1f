import { describe, expect, it } from "vitest";
import type { RJSFSchema } from "@rjsf/utils";
import { validator } from "./validator.js";

const CHOICE: RJSFSchema = {
  type: "object",
  properties: {
    kind: { type: "string", oneOf: [{ const: "a" }, { const: "b" }] },
    count: { type: "integer" },
  },
  required: ["kind"],
};

describe("FormEngine validator (no code generation)", () => {
  it("tells RJSF which data matches a schema", () => {
    expect(validator.isValid(CHOICE, { kind: "a" }, CHOICE)).toBe(true);
    expect(validator.isValid(CHOICE, { kind: "c" }, CHOICE)).toBe(false);
    expect(validator.isValid(CHOICE, {}, CHOICE)).toBe(false);
  });

  it("places whole-form errors on the field they concern", () => {
    const { errors, errorSchema } = validator.validateFormData({ kind: "a", count: 1.5 }, CHOICE);
    expect(errors.map((error) => error.property)).toEqual([".count"]);
    expect(Object.keys(errorSchema)).toEqual(["count"]);
  });
});
