import { describe, expect, it } from "vitest";
import { legalName, legalNameProblem, normalizeLegalName } from "./legalName.js";

describe("normalizeLegalName", () => {
  it.each([
    ["阿沛·阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛•阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛‧阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛・阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛･阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛∙阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛⋅阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛．阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛.阿旺晋美", "阿沛·阿旺晋美"],
    ["阿沛 · 阿旺晋美", "阿沛·阿旺晋美"],
    ["  张三 ", "张三"],
    ["𠮷田", "𠮷田"],
    ["SMITH  JOHN", "SMITH JOHN"],
  ])("writes %s as %s", (raw, normalized) => {
    expect(normalizeLegalName(raw)).toBe(normalized);
  });
});

describe("legalNameProblem", () => {
  it.each(["张三", "阿沛·阿旺晋美", "𠮷田", "SMITH JOHN", "O'NEIL ANNE"])("accepts %s", (name) => {
    expect(legalNameProblem(name)).toBeUndefined();
  });

  it.each([
    ["张", "名字至少应有2个字"],
    ["张".repeat(61), "名字不能超过60个字"],
    ["张三3", "名字只能包含文字和间隔号「·」，不能有数字或符号"],
    ["张三😀", "名字只能包含文字和间隔号「·」，不能有数字或符号"],
    ["<b>张三", "名字只能包含文字和间隔号「·」，不能有数字或符号"],
    ["·张三", "间隔号「·」只能写在名字的两部分之间"],
    ["张··三", "间隔号「·」只能写在名字的两部分之间"],
  ])("refuses %s", (name, message) => {
    expect(legalNameProblem(name)).toBe(message);
  });
});

describe("legalName", () => {
  it("parses to the normalised name and answers a missing one with the field's message", () => {
    const schema = legalName("请填写真实名字");
    expect(schema.parse("阿沛•阿旺晋美")).toBe("阿沛·阿旺晋美");
    expect(schema.safeParse("  ").error?.issues[0]?.message).toBe("请填写真实名字");
    expect(schema.safeParse(undefined).error?.issues[0]?.message).toBe("请填写真实名字");
  });
});
