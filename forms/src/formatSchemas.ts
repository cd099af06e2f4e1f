/**
 * JSON Schemas of the edition files themselves (manifest, rules, catalogs, examples), used by the
 * loader and linter to say exactly where a file is malformed. FORMAT.md describes the same shapes.
 */

import { EDITION_TEXTS, IDENTITY_FACTS } from "@shenbao/rules";

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
    // An edition key appears in URLs and file names: lower case, digits and hyphens.
    key: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,63}$" },
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
    bindings: {
      type: "object",
      additionalProperties: false,
      properties: {
        identityPrefill: {
          type: "object",
          additionalProperties: false,
          required: ["section", "fields"],
          properties: {
            section: key,
            fields: {
              type: "object",
              minProperties: 1,
              additionalProperties: { enum: [...IDENTITY_FACTS] },
            },
          },
        },
        teacherList: {
          type: "object",
          additionalProperties: false,
          required: ["section", "field"],
          properties: { section: key, field: key },
        },
        evaluation: {
          type: "object",
          additionalProperties: false,
          required: ["form"],
          properties: { form: key, notice: key, commitment: key },
        },
        onsite: {
          type: "object",
          additionalProperties: false,
          properties: {
            form: key,
            county: {},
            province: { type: "string", pattern: "^\\d{6}$" },
            bureaus: key,
            passed: {},
          },
        },
        divisions: key,
        reviewChecks: {
          type: "array",
          items: {
            type: "object",
            required: ["kind"],
            properties: {
              kind: { enum: ["teacherLoad", "roleOverlap"] },
              role: key,
              max: { type: "integer", minimum: 1 },
              roles: { type: "array", minItems: 2, maxItems: 2, items: key },
              showToCandidate: { type: "boolean" },
              note: { type: "string" },
            },
            allOf: [
              {
                if: { properties: { kind: { const: "teacherLoad" } } },
                then: { required: ["role", "max"], not: { required: ["roles"] } },
                else: {
                  required: ["roles"],
                  not: { anyOf: [{ required: ["role"] }, { required: ["max"] }] },
                },
              },
            ],
            additionalProperties: false,
          },
        },
        publicList: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["title", "value"],
            properties: { title: { type: "string", minLength: 1 }, value: {}, catalog: key },
          },
        },
      },
    },
    // Field ids removed from a section or form (FORM-4: never reused), kept by the studio.
    retiredFields: {
      type: "object",
      propertyNames: key,
      additionalProperties: { type: "array", uniqueItems: true, items: { type: "string", minLength: 1 } },
    },
    texts: {
      type: "object",
      propertyNames: { enum: Object.keys(EDITION_TEXTS) },
      additionalProperties: { type: "string", minLength: 1 },
    },
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
      effect: { enum: ["show", "require", "check", "hint"] },
      when: {},
      each: { type: "string", minLength: 1 },
      fields: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
      field: { type: "string", minLength: 1 },
      assert: {},
      message: { type: "string", minLength: 1 },
      values: { type: "object", propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" } },
    },
    allOf: [
      {
        if: { properties: { effect: { const: "check" } } },
        then: {
          required: ["field", "assert", "message"],
          not: { anyOf: [{ required: ["fields"] }, { required: ["values"] }] },
        },
      },
      {
        if: { properties: { effect: { const: "hint" } } },
        then: {
          required: ["field", "message"],
          not: { anyOf: [{ required: ["fields"] }, { required: ["assert"] }] },
        },
      },
      {
        if: { properties: { effect: { enum: ["show", "require"] } } },
        then: {
          required: ["fields"],
          not: { anyOf: [{ required: ["field"] }, { required: ["assert"] }, { required: ["values"] }] },
        },
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
