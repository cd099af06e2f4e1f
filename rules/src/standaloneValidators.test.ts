import { describe, expect, it } from "vitest";
import { buildEdition } from "../test/buildEdition.js";
import { compiledValidator } from "./schemaCompiler.js";
import { installValidators, validateSchema } from "./schemaValidation.js";
import { STANDALONE_RUNTIME, type ValidatorsModule } from "./standaloneRuntime.js";
import { standaloneValidators } from "./standaloneValidators.js";
import { findForm } from "./section.js";
import type { Json } from "./types.js";

/** Imports generated module source the way a browser imports the served file. */
async function importModule(source: string): Promise<ValidatorsModule> {
  const url = `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
  return (await import(/* @vite-ignore */ url)) as ValidatorsModule;
}

const SAMPLES: unknown[] = [
  {},
  { name: "n", kind: "a" },
  { name: "", kind: "zz", period: { start: "2021-02-30", end: "2021-03-01" } },
  { name: "n", kind: "b", place: "420102", items: [{ file: "bad id!", issuedOn: "2020-01-01" }] },
  { name: "n", kind: "b", place: "4201", items: [{ file: "abcdefgh12", issuedOn: "x" }], unknown: 1 },
  { name: 5, kind: null },
];

describe("standaloneValidators", () => {
  it("generates a module whose validators report exactly what the compiled ones report", async () => {
    const edition = buildEdition();
    const source = standaloneValidators(edition);
    expect(source).not.toContain("require(");
    const validators = (await importModule(source)).default(STANDALONE_RUNTIME);
    for (const form of [...edition.sections, ...edition.forms]) {
      const compiled = compiledValidator(edition, form);
      for (const sample of SAMPLES) {
        const generated = validators[form.key];
        expect(generated, form.key).toBeDefined();
        const validGenerated = generated!(sample);
        const validCompiled = compiled(sample);
        expect(validGenerated, `${form.key} ${JSON.stringify(sample)}`).toBe(validCompiled);
        expect(generated!.errors ?? null).toEqual(compiled.errors ?? null);
      }
    }
  });

  it("serves validateSchema from installed validators, so a page never compiles", async () => {
    const edition = { ...buildEdition(), version: "9.9.9-standalone" };
    const profile = findForm(edition, "profile");
    const validators = (await importModule(standaloneValidators(edition))).default(STANDALONE_RUNTIME);
    let calls = 0;
    const inner = validators.profile!;
    const counted = ((data: unknown) => {
      calls += 1;
      const valid = inner(data);
      counted.errors = inner.errors;
      return valid;
    }) as typeof inner;
    installValidators(edition, { ...validators, profile: counted });
    expect(validateSchema(edition, profile, { name: "n", kind: "zz" }).map((e) => e.keyword)).toEqual([
      "x-catalog",
    ]);
    expect(calls).toBe(1);
  });

  it("checks a view of a published form without some fields by the published validator, minus those fields", async () => {
    const edition = { ...buildEdition(), version: "9.9.8-standalone" };
    installValidators(
      edition,
      (await importModule(standaloneValidators(edition))).default(STANDALONE_RUNTIME),
    );
    const profile = findForm(edition, "profile");
    const properties = { ...(profile.schema.properties as Record<string, Json>) };
    delete properties.name;
    const view = {
      ...profile,
      schema: { ...profile.schema, properties, required: ["kind"] },
    };
    expect(
      validateSchema(edition, profile, { kind: "zz" })
        .map((e) => e.keyword)
        .sort(),
    ).toEqual(["required", "x-catalog"]);
    expect(validateSchema(edition, view, { kind: "zz" }).map((e) => e.keyword)).toEqual(["x-catalog"]);
  });
});
