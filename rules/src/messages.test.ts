import { describe, expect, it } from "vitest";
import { checkSection } from "./section.js";
import { dottedPath, pathContext, requiredMessage } from "./messages.js";
import type { Edition, JsonSchema, SectionData } from "./types.js";

const schema: JsonSchema = {
  type: "object",
  title: "All",
  additionalProperties: false,
  properties: {
    text: { type: "string", title: "T", minLength: 2, maxLength: 3 },
    one: { type: "string", title: "O", minLength: 1, pattern: "^a" },
    custom: { type: "string", title: "C", pattern: "^a", "x-messages": { pattern: "custom says no" } },
    day: { type: "string", title: "D", format: "date" },
    file: { type: "string", title: "F", format: "attachment" },
    num: { type: "number", title: "N", minimum: 1, maximum: 2, multipleOf: 1 },
    open: { type: "number", title: "X", exclusiveMinimum: 1, exclusiveMaximum: 2 },
    files: {
      type: "array",
      title: "Fs",
      minItems: 1,
      maxItems: 1,
      items: { type: "string", format: "attachment" },
    },
    list: { type: "array", title: "L", minItems: 2, uniqueItems: true, items: { type: "string" } },
    rows: { type: "array", title: "R", minItems: 1, items: { type: "object", title: "Row" } },
    pick: { type: "string", title: "P", enum: ["a"] },
    fixed: { type: "string", title: "K", const: "k" },
    choice: { type: "string", title: "Ch", oneOf: [{ const: "a", title: "A" }] },
    cat: { type: "string", title: "Cat", "x-catalog": "absent" },
    group: { type: "object", title: "G", properties: { inner: { type: "integer", title: "I" } } },
  },
};

const edition: Edition = {
  key: "messages",
  version: "1.0.0",
  title: "m",
  candidateTypeTitle: "t",
  candidateTypes: [],
  sections: [
    { key: "all", title: "All", requiredForSubmit: true, schema, uiSchema: {}, rules: [], examples: [] },
  ],
  forms: [],
  catalogs: {},
  examples: [],
};

const messages = (data: SectionData) =>
  Object.fromEntries(
    checkSection(edition, "all", { sections: { all: data } }).map((e) => [e.path, e.message]),
  );

describe("Chinese messages from ajv errors", () => {
  it("names the field by its title for every keyword the editions use", () => {
    expect(
      messages({
        text: "abcd",
        one: " ",
        custom: "b",
        day: "2023-02-30",
        file: "bad id",
        num: 3,
        open: 2,
        files: ["att_00000001", "att_00000002"],
        list: ["x"],
        rows: [],
        pick: "b",
        fixed: "j",
        choice: "b",
        cat: "c",
        group: { inner: "1" },
        stray: 1,
      }),
    ).toEqual({
      text: "T不能超过3个字",
      custom: "custom says no",
      day: "D不是有效的日期",
      file: "F不是有效的附件",
      num: "N不能大于2",
      open: "X应小于2",
      files: "Fs最多1项",
      list: "L至少需要2项",
      rows: "请填写R",
      pick: "P不在可选范围内",
      fixed: "K不在可选范围内",
      choice: "Ch不在可选范围内",
      cat: "Cat不在可选范围内",
      "group.inner": "G：I格式不正确",
      stray: "不允许填写未定义的字段「stray」",
    });
  });

  it("covers the lower bounds and the remaining keywords", () => {
    expect(messages({ text: "a", one: "b", num: 0, open: 1, files: [], list: ["x", "x"] })).toEqual({
      text: "T至少应有2个字",
      one: "O格式不正确",
      num: "N不能小于1",
      open: "X应大于1",
      files: "请上传Fs",
      list: "L不能重复",
    });
    expect(messages({ num: 1.5 }).num).toBe("N填写不正确");
    expect(Object.values(messages({ group: [] }))).toEqual(["G格式不正确"]);
  });

  it("says 请上传 / 请选择 / 请填写 for missing values by field kind, with list context", () => {
    const root: JsonSchema = {
      type: "object",
      properties: {
        file: { type: "string", title: "F", format: "attachment" },
        pick: { type: "string", title: "P", "x-catalog": "c" },
        flag: { type: "boolean", title: "B" },
        cases: {
          type: "array",
          title: "Cases",
          items: { type: "object", properties: { name: { type: "string", title: "Name" } } },
        },
        own: { type: "string", "x-messages": { required: "own message" } },
      },
    };
    expect(requiredMessage(root, "file")).toBe("请上传F");
    expect(requiredMessage(root, "pick")).toBe("请选择P");
    expect(requiredMessage(root, "flag")).toBe("请选择B");
    expect(requiredMessage(root, "cases.1.name")).toBe("Cases第2项：请填写Name");
    expect(requiredMessage(root, "own")).toBe("own message");
    expect(requiredMessage(root, "unknown")).toBe("请填写unknown");
    expect(pathContext(root, "cases.0")).toBe("Cases");
  });

  it("converts JSON Pointers to dotted paths", () => {
    expect(dottedPath("/a/0/b~1c~0d")).toBe("a.0.b/c~d");
    expect(dottedPath("")).toBe("");
  });
});
