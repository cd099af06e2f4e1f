import { beforeAll, describe, expect, it } from "vitest";
import type { Edition, JsonSchema } from "@shenbao/rules";
import { HUBEI_2024 } from "../test/editionCopy.js";
import { diffEditions, formatChange } from "./diff.js";
import { loadEdition } from "./loader.js";

let edition: Edition;
beforeAll(async () => {
  edition = await loadEdition(HUBEI_2024);
});

const props = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;
const titleOf = (section: string, field: string) =>
  props(edition.sections.find((s) => s.key === section)!.schema)[field]!.title;

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
      {
        kind: "edition",
        change: "changed",
        path: "title",
        details: [{ what: "title", before: edition.title, after: "next year" }],
      },
      {
        kind: "field",
        change: "changed",
        form: "technique",
        path: "method",
        details: [{ what: "title", before: titleOf("technique", "method"), after: "changed" }],
      },
      { kind: "field", change: "removed", form: "technique", path: "servedLastFiveYears" },
      { kind: "rule", change: "removed", form: "technique", path: "external-medicine-when-external" },
      {
        kind: "field",
        change: "changed",
        form: "expertise",
        path: "cases[].age",
        details: [{ what: "ui:widget", before: "updown", after: "text" }],
      },
      { kind: "field", change: "added", form: "expertise", path: "cases[].weight" },
      {
        kind: "section",
        change: "changed",
        path: "credentials",
        details: [{ what: "requiredForSubmit", before: false, after: true }],
      },
      { kind: "form", change: "removed", path: "onsite" },
      {
        kind: "catalog",
        change: "changed",
        path: "healthStatus",
        details: [
          {
            what: "items removed",
            before: edition.catalogs.healthStatus!.items.map((item) => `${item.value}: ${item.label}`),
            after: null,
          },
        ],
      },
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
      {
        kind: "edition",
        change: "changed",
        path: "sections",
        details: [
          {
            what: "order",
            before: edition.sections.map((s) => s.key),
            after: next.sections.map((s) => s.key),
          },
        ],
      },
      { kind: "section", change: "removed", path: "credentials" },
    ]);
    expect(diffEditions(next, edition)).toContainEqual({
      kind: "section",
      change: "added",
      path: "credentials",
    });
  });

  it("shows a choice's options, a field becoming required and a rule's condition before and after", () => {
    const next = structuredClone(edition);
    const technique = next.sections.find((s) => s.key === "technique")!;
    const opinion = next.forms.find((f) => f.key === "evaluation")!;
    const options = props(opinion.schema).opinion!.oneOf as { const: string; title: string }[];
    props(opinion.schema).opinion!.oneOf = options.slice(0, 1);
    const required = (technique.schema.required as string[]) ?? [];
    const optional = Object.keys(props(technique.schema)).find((name) => !required.includes(name))!;
    technique.schema.required = [...required, optional];
    const rule = technique.rules[0]!;
    const when = { "==": [1, 1] };
    rule.when = when;
    next.texts = { ...next.texts, "product.tile": "新的事项名称" };
    const changes = diffEditions(edition, next);
    expect(changes).toContainEqual({
      kind: "field",
      change: "changed",
      form: "evaluation",
      path: "opinion",
      details: [
        {
          what: "options",
          before: options.map((o) => `${o.const}: ${o.title}`),
          after: options.slice(0, 1).map((o) => `${o.const}: ${o.title}`),
        },
      ],
    });
    expect(changes).toContainEqual({
      kind: "field",
      change: "changed",
      form: "technique",
      path: optional,
      details: [{ what: "required", before: false, after: true }],
    });
    const ruleChange = changes.find((c) => c.kind === "rule" && c.path === rule.id);
    expect(ruleChange?.details).toEqual([
      {
        what: "when",
        before: edition.sections.find((s) => s.key === "technique")!.rules[0]!.when ?? null,
        after: when,
      },
    ]);
    const text = changes.find((c) => c.kind === "text");
    expect(text).toEqual({
      kind: "text",
      change: "changed",
      path: "product.tile",
      details: [{ what: "text", before: edition.texts!["product.tile"], after: "新的事项名称" }],
    });
    expect(formatChange(text!)).toBe(
      `~ text product.tile\n    text: ${JSON.stringify(edition.texts!["product.tile"])} → "新的事项名称"`,
    );
  });
});
