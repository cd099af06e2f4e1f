import { beforeAll, describe, expect, it } from "vitest";
import type { Edition, JsonSchema } from "@shenbao/rules";
import { HUBEI_2024 } from "../test/editionCopy.js";
import { diffEditions } from "./diff.js";
import { loadEdition } from "./loader.js";

let edition: Edition;
beforeAll(async () => {
  edition = await loadEdition(HUBEI_2024);
});

const props = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

describe("diffEditions", () => {
  it("finds nothing between an edition and itself", () => {
    expect(diffEditions(edition, structuredClone(edition))).toEqual([]);
  });

  it("lists added, removed and changed fields, rules, sections, forms and catalogs by path", () => {
    const next = structuredClone(edition);
    next.title = "next year";
    const technique = next.sections.find((s) => s.key === "technique")!;
    delete props(technique.schema).servedLastFiveYears;
    props(technique.schema).method!.title = "changed";
    const expertise = next.sections.find((s) => s.key === "expertise")!;
    const caseItem = props(expertise.schema).cases!.items as JsonSchema;
    props(caseItem).weight = { type: "number", title: "w" };
    (expertise.uiSchema.cases as JsonSchema).items = {
      ...((expertise.uiSchema.cases as JsonSchema).items as object),
      age: { "ui:widget": "text" },
    };
    technique.rules = technique.rules.slice(1);
    next.sections.find((s) => s.key === "credentials")!.requiredForSubmit = true;
    next.forms = next.forms.filter((f) => f.key !== "onsite");
    next.catalogs.healthStatus = { ...next.catalogs.healthStatus!, items: [] };
    delete next.catalogs.idDocumentTypes;
    expect(diffEditions(edition, next)).toEqual([
      { kind: "edition", change: "changed", path: "title" },
      { kind: "field", change: "changed", form: "technique", path: "method" },
      { kind: "field", change: "removed", form: "technique", path: "servedLastFiveYears" },
      { kind: "rule", change: "removed", form: "technique", path: "external-medicine-when-external" },
      { kind: "field", change: "changed", form: "expertise", path: "cases[].age" },
      { kind: "field", change: "added", form: "expertise", path: "cases[].weight" },
      { kind: "section", change: "changed", path: "credentials" },
      { kind: "form", change: "removed", path: "onsite" },
      { kind: "catalog", change: "changed", path: "healthStatus" },
      { kind: "catalog", change: "removed", path: "idDocumentTypes" },
    ]);
    const reverse = diffEditions(next, edition);
    expect(reverse).toContainEqual({ kind: "form", change: "added", path: "onsite" });
    expect(reverse).toContainEqual({
      kind: "rule",
      change: "added",
      form: "technique",
      path: "external-medicine-when-external",
    });
  });

  it("reports added and removed sections and a changed order", () => {
    const next = structuredClone(edition);
    next.sections = next.sections.filter((s) => s.key !== "credentials");
    expect(diffEditions(edition, next)).toEqual([
      { kind: "edition", change: "changed", path: "sections" },
      { kind: "section", change: "removed", path: "credentials" },
    ]);
    expect(diffEditions(next, edition)).toContainEqual({
      kind: "section",
      change: "added",
      path: "credentials",
    });
  });
});
