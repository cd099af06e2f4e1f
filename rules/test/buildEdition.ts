/**
 * A small in-memory edition for the rules tests: one section per kind of rule, a section that applies
 * to one candidate type only, an extra form and two catalogs (one flat, one hierarchical).
 */
import type { Edition, SectionDefinition } from "../src/types.js";

const range = {
  type: "object",
  title: "Period",
  properties: {
    start: { type: "string", format: "date", title: "Start" },
    end: { type: "string", format: "date", title: "End" },
  },
} as const;

/** The `profile` section: a flat catalog field, a shown-when branch, a per-item requirement. */
export function profileSection(): SectionDefinition {
  return {
    key: "profile",
    title: "Profile",
    requiredForSubmit: true,
    schema: {
      type: "object",
      title: "Profile",
      additionalProperties: false,
      required: ["name", "kind"],
      properties: {
        name: { type: "string", title: "Name", minLength: 1 },
        kind: { type: "string", title: "Kind", "x-catalog": "kinds" },
        extra: { type: "string", title: "Extra", minLength: 1 },
        detail: { type: "string", title: "Detail" },
        place: { type: "string", title: "Place", "x-catalog": "places" },
        period: range,
        items: {
          type: "array",
          title: "Items",
          items: {
            type: "object",
            title: "Item",
            properties: {
              file: { type: "string", title: "File", format: "attachment" },
              issuedOn: { type: "string", title: "Issued", format: "date" },
            },
          },
        },
      },
    },
    uiSchema: {
      "ui:order": ["name", "kind", "extra", "detail", "place", "period", "items"],
      extra: { "ui:widget": "textarea" },
      detail: { "ui:widget": "textarea" },
    },
    rules: [
      {
        id: "extra-when-b",
        effect: "show",
        when: { "==": [{ var: "answers.kind" }, "b"] },
        fields: ["extra"],
      },
      {
        id: "extra-required",
        effect: "require",
        when: { "==": [{ var: "answers.kind" }, "b"] },
        fields: ["extra"],
      },
      // Chained: detail depends on extra, which can itself be hidden.
      {
        id: "detail-when-extra",
        effect: "show",
        when: { "!!": { var: "answers.extra" } },
        fields: ["detail"],
      },
      {
        id: "issued-when-file",
        effect: "require",
        each: "items",
        when: { "!!": { var: "item.file" } },
        fields: ["issuedOn"],
      },
      {
        id: "period-five-years",
        effect: "check",
        when: { isDate: { var: "answers.period.end" } },
        assert: {
          ">=": [{ yearsBetween: [{ var: "answers.period.start" }, { var: "answers.period.end" }] }, 5],
        },
        field: "period",
        message: "five years",
      },
      {
        id: "period-so-far",
        effect: "hint",
        when: {
          "<": [{ yearsBetween: [{ var: "answers.period.start" }, { var: "answers.period.end" }] }, 5],
        },
        values: {
          served: { durationBetween: [{ var: "answers.period.start" }, { var: "answers.period.end" }] },
          short: {
            durationBetween: [
              { var: "answers.period.end" },
              { addYears: [{ var: "answers.period.start" }, 5] },
            ],
          },
        },
        field: "period",
        message: "{served.years} y {served.yearDays} d, {short.totalDays} d short",
      },
      {
        id: "extra-hint",
        effect: "hint",
        field: "extra",
        message: "extra is shown",
      },
    ],
    examples: [],
  };
}

/** The edition: `profile`, `onlyX` (candidate type x), `optional`, and the extra form `sign`. */
export function buildEdition(): Edition {
  return {
    key: "test",
    version: "1.0.0",
    title: "Test edition",
    candidateTypeTitle: "Type",
    candidateTypes: [
      { value: "x", label: "X" },
      { value: "y", label: "Y" },
    ],
    sections: [
      profileSection(),
      {
        key: "onlyX",
        title: "Only X",
        requiredForSubmit: true,
        appliesWhen: { "==": [{ var: "candidateType" }, "x"] },
        schema: {
          type: "object",
          title: "Only X",
          required: ["a"],
          properties: { a: { type: "string", title: "A" } },
        },
        uiSchema: {},
        rules: [],
        examples: [],
      },
      {
        key: "optional",
        title: "Optional",
        requiredForSubmit: false,
        schema: {
          type: "object",
          title: "Optional",
          properties: { note: { type: "string", title: "Note", maxLength: 3 } },
        },
        uiSchema: {},
        rules: [],
        examples: [],
      },
    ],
    forms: [
      {
        key: "sign",
        title: "Sign",
        schema: {
          type: "object",
          title: "Sign",
          required: ["ok"],
          properties: { ok: { type: "boolean", title: "OK", const: true } },
        },
        uiSchema: {},
        rules: [],
        examples: [],
      },
    ],
    catalogs: {
      kinds: {
        id: "kinds",
        title: "Kinds",
        items: [
          { value: "a", label: "A" },
          { value: "b", label: "B" },
        ],
      },
      places: {
        id: "places",
        title: "Places",
        items: [
          {
            value: "p",
            label: "P",
            children: [{ value: "p1", label: "P1", children: [{ value: "p11", label: "P11" }] }],
          },
        ],
      },
    },
    examples: [],
  };
}
