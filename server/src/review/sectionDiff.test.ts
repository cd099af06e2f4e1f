import { describe, expect, it } from "vitest";
import { diffSectionData } from "./sectionDiff.js";

const schema = {
  type: "object",
  properties: {
    method: {
      type: "string",
      title: "方法",
      oneOf: [
        { const: "internal", title: "内服" },
        { const: "external", title: "外治" },
      ],
    },
    county: { type: "string", title: "区县", "x-catalog": "divisions" },
    cases: {
      type: "array",
      items: { type: "object", properties: { age: { type: "integer", title: "年龄" } } },
    },
    files: { type: "array", items: { type: "string" } },
  },
};

describe("diffSectionData (REV-2: what changed since the return)", () => {
  it("lists changed, added and removed leaves with their titles, and nothing for unchanged data", () => {
    const before = { method: "internal", cases: [{ age: 30 }, { age: 40 }], files: ["a"] };
    const after = { method: "external", county: "420102", cases: [{ age: 30 }], files: ["a", "b"] };
    const catalogs = {
      divisions: {
        id: "divisions",
        title: "区划",
        items: [{ value: "420100", label: "武汉市", children: [{ value: "420102", label: "江岸区" }] }],
      },
    };
    expect(diffSectionData(schema, before, after, catalogs)).toEqual([
      {
        path: "method",
        label: "方法",
        before: "internal",
        after: "external",
        beforeText: "内服",
        afterText: "外治",
      },
      { path: "cases.1.age", label: "年龄", before: 40, after: null, beforeText: "40", afterText: null },
      { path: "files", label: "files", before: ["a"], after: ["a", "b"], beforeText: "a", afterText: "a、b" },
      {
        path: "county",
        label: "区县",
        before: null,
        after: "420102",
        beforeText: null,
        afterText: "武汉市 / 江岸区",
      },
    ]);
    expect(diffSectionData(schema, before, structuredClone(before))).toEqual([]);
  });
});
