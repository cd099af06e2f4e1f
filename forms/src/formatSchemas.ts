/**
 * JSON Schemas of the edition files themselves (manifest, rules, catalogs, examples), used by the
 * loader and linter to say exactly where a file is malformed. FORMAT.md describes the same shapes.
 */

const key = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_-]*$" } as const;

/** `manifest.json`. */
export const manifestSchema = {
  type: "object",
  additionalProperties: false,
  required: [
    "key",
    "version",
    "title",
    "candidateTypeTitle",
    "candidateTypes",
    "sections",
    "forms",
    "catalogs",
  ],
  properties: {
    $comment: { type: "string" },
    key,
    version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" },
    title: { type: "string", minLength: 1 },
    candidateTypeTitle: { type: "string", minLength: 1 },
    candidateTypes: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["value", "label"],
        properties: { value: key, label: { type: "string", minLength: 1 } },
      },
    },
    sections: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["key", "title", "requiredForSubmit"],
        properties: {
          key,
          title: { type: "string", minLength: 1 },
          group: { type: "string", minLength: 1 },
          requiredForSubmit: { type: "boolean" },
          appliesWhen: {},
        },
      },
    },
    forms: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["key", "title"],
        properties: { key, title: { type: "string", minLength: 1 } },
      },
    },
    catalogs: { type: "array", uniqueItems: true, items: key },
  },
} as const;

/** `<key>.rules.json`: an array of rules with the closed vocabulary of effects. */
export const rulesSchema = {
  type: "array",
  items: {
    type: "object",
    additionalProperties: false,
    required: ["id", "effect"],
    properties: {
      id: key,
      description: { type: "string" },
      effect: { enum: ["show", "require", "check"] },
      when: {},
      each: { type: "string", minLength: 1 },
      fields: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
      field: { type: "string", minLength: 1 },
      assert: {},
      message: { type: "string", minLength: 1 },
    },
    allOf: [
      {
        if: { properties: { effect: { const: "check" } } },
        then: { required: ["field", "assert", "message"], not: { required: ["fields"] } },
        else: { required: ["fields"], not: { anyOf: [{ required: ["field"] }, { required: ["assert"] }] } },
      },
    ],
  },
} as const;

const catalogItem = {
  type: "object",
  required: ["value", "label"],
  properties: {
    value: { type: "string", minLength: 1 },
    label: { type: "string", minLength: 1 },
    children: { type: "array", items: { $ref: "#/definitions/item" } },
  },
} as const;

/** `catalogs/<id>.json`. */
export const catalogSchema = {
  definitions: { item: catalogItem },
  type: "object",
  required: ["id", "title", "items"],
  properties: {
    id: key,
    title: { type: "string", minLength: 1 },
    source: { type: "string" },
    items: { type: "array", items: { $ref: "#/definitions/item" } },
  },
} as const;

const paths = { type: "array", items: { type: "string" } } as const;

/** `examples/valid-*.json` / `invalid-*.json` of a section or form. */
export const formExampleSchema = {
  type: "object",
  additionalProperties: false,
  required: ["answers"],
  properties: {
    description: { type: "string" },
    candidateType: { type: "string" },
    sections: { type: "object", additionalProperties: { type: "object" } },
    answers: { type: "object" },
    expect: {
      type: "object",
      additionalProperties: false,
      properties: { errors: paths, pruned: paths, hidden: paths, shown: paths },
    },
  },
} as const;

/** `examples/valid-*.json` / `invalid-*.json` of a whole application (edition root). */
export const applicationExampleSchema = {
  type: "object",
  additionalProperties: false,
  required: ["sections"],
  properties: {
    description: { type: "string" },
    candidateType: { type: "string" },
    sections: { type: "object", additionalProperties: { type: "object" } },
    expect: { type: "object", additionalProperties: false, properties: { blockers: paths } },
  },
} as const;
