import { describe, expect, it } from "vitest";
import { buildEdition } from "../test/buildEdition.js";
import { findForm } from "./section.js";
import { compiledEditionCount } from "./schemaCompiler.js";
import { validateSchema } from "./schemaValidation.js";
import { createAjv, schemaProblems } from "./validator.js";

describe("validator cache", () => {
  it("compiles once per edition version and recompiles a different draft of the same version", () => {
    const edition = buildEdition();
    const profile = findForm(edition, "profile");
    validateSchema(edition, profile, {});
    const before = compiledEditionCount();
    const sameObject = validateSchema(edition, profile, { name: "n", kind: "a" });
    expect(sameObject).toEqual([]);
    // Another load of the same published version shares the compiled validators.
    expect(validateSchema(buildEdition(), findForm(buildEdition(), "profile"), {})).toHaveLength(2);
    expect(compiledEditionCount()).toBe(before);
    const draft = buildEdition();
    draft.catalogs.kinds?.items.push({ value: "c", label: "C" });
    expect(validateSchema(draft, findForm(draft, "profile"), { name: "n", kind: "c" })).toEqual([]);
    expect(validateSchema(edition, profile, { name: "n", kind: "c" })).toHaveLength(1);
  });
});

describe("createAjv / schemaProblems", () => {
  it("rejects schemas ajv cannot compile in strict mode", () => {
    expect(schemaProblems({ type: "object", properties: { a: { type: "strin" } } })).toHaveLength(1);
    expect(
      schemaProblems({ type: "object", properties: { a: { type: "string", format: "email" } } })[0],
    ).toMatch(/format/);
    expect(
      schemaProblems({ type: "object", properties: { a: { type: "string", "x-catalog": "c" } } }),
    ).toEqual([]);
  });

  it("rejects a value of a catalog the edition does not have", () => {
    const validate = createAjv().compile({ type: "string", "x-catalog": "none" });
    expect(validate("a")).toBe(false);
  });
});
