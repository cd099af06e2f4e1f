import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidInputError } from "../errors.js";
import { parseInput } from "./parseInput.js";

const CJK = /[\u4e00-\u9fff]/;
const ENGLISH_WORD = /[A-Za-z]{3,}/;

function messageOf(schema: z.ZodType, input: unknown): string {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).message;
  }
  throw new Error("parsed");
}

describe("parseInput", () => {
  // Schemas without their own messages: zod's English ("Invalid input", "Too big: …") reached users (issue 11).
  it.each([
    ["a missing field", z.object({ a: z.string() }), {}, "缺少必填内容"],
    ["a wrong type", z.object({ a: z.boolean() }), { a: "yes" }, "提交的内容格式不正确"],
    ["a string too long", z.object({ a: z.string().max(3) }), { a: "abcd" }, "内容过长，不能超过 3 个字"],
    ["an empty string", z.object({ a: z.string().min(1) }), { a: "" }, "请填写此项"],
    ["a number too large", z.object({ a: z.number().max(100) }), { a: 101 }, "数值不能大于 100"],
    ["a number too small", z.object({ a: z.number().int().min(1) }), { a: 0 }, "数值不能小于 1"],
    ["a list too long", z.object({ a: z.array(z.string()).max(1) }), { a: ["x", "y"] }, "最多只能提交 1 项"],
    ["an unknown option", z.object({ a: z.enum(["x", "y"]) }), { a: "z" }, "所选的选项无效"],
    ["a malformed value", z.object({ a: z.string().regex(/^\d+$/) }), { a: "x" }, "格式不正确"],
    ["an unknown key", z.strictObject({ a: z.string() }), { a: "x", b: 1 }, "包含不认识的字段"],
  ])("answers %s in Chinese", (_what, schema, input, expected) => {
    const message = messageOf(schema, input);
    expect(message).toBe(expected);
    expect(message).toMatch(CJK);
    expect(message).not.toMatch(ENGLISH_WORD);
  });

  it("keeps a schema's own message", () => {
    expect(messageOf(z.object({ a: z.string({ error: "请填写名字" }) }), {})).toBe("请填写名字");
  });
});
