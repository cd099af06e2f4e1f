import { describe, expect, it } from "vitest";
import type { Edition } from "@shenbao/rules";
import { DRAFT_CEILING, sectionShapeIssues } from "./sectionShape.js";

// An edition published before the linter required bounds: its fields name none.
const unbounded = {
  sections: [
    {
      key: "notes",
      schema: {
        type: "object",
        additionalProperties: false,
        properties: {
          text: { type: "string", title: "Text" },
          list: { type: "array", title: "List", items: { type: "string", title: "Item" } },
          free: { type: "object", title: "Free" },
        },
      },
    },
  ],
  forms: [],
} as unknown as Edition;

describe("sectionShapeIssues", () => {
  it("applies the platform's ceiling to fields whose schema names no bound (issue 11)", () => {
    expect(sectionShapeIssues(unbounded, "notes", { text: "字".repeat(DRAFT_CEILING.maxLength) })).toEqual(
      [],
    );
    expect(
      sectionShapeIssues(unbounded, "notes", { text: "字".repeat(DRAFT_CEILING.maxLength + 1) }),
    ).toEqual([{ path: "text", message: `内容过长，不能超过 ${DRAFT_CEILING.maxLength} 个字` }]);
    const list = Array.from({ length: DRAFT_CEILING.maxItems + 1 }, () => "x");
    expect(sectionShapeIssues(unbounded, "notes", { list })).toEqual([
      { path: "list", message: `最多只能填写 ${DRAFT_CEILING.maxItems} 项` },
    ]);
    const free = Object.fromEntries(
      Array.from({ length: DRAFT_CEILING.maxProperties + 1 }, (_, i) => [`k${i}`, i]),
    );
    expect(sectionShapeIssues(unbounded, "notes", { free })).toEqual([
      { path: "free", message: "包含的内容过多" },
    ]);
  });

  it("still lets an incomplete draft through: bounds are not completeness", () => {
    expect(sectionShapeIssues(unbounded, "notes", { text: "", list: [] })).toEqual([]);
  });
});
