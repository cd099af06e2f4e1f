import { describe, expect, it } from "vitest";
import { chineseLintMessage, formatLintMessage } from "./messages.js";

describe("chineseLintMessage", () => {
  it("words known linter sentences in Chinese, keeping file, pointer and named fields", () => {
    const at = { file: "sections/a/a.rules.json", path: "/0/fields/1" };
    expect(chineseLintMessage({ ...at, message: 'rule "r1": names field "x" that does not exist' })).toEqual({
      ...at,
      message: "规则「r1」：引用了不存在的字段「x」",
    });
    expect(chineseLintMessage({ ...at, message: "valid example has errors: a, b.c" }).message).toBe(
      "合格示例（valid-）不应有错误，却有：a, b.c",
    );
    expect(
      formatLintMessage(
        chineseLintMessage({ file: "f.json", path: "", message: "invalid JSON: Unexpected token" }),
      ),
    ).toBe("f.json /: JSON 格式错误：Unexpected token");
  });

  it("leaves a sentence it does not know as it is", () => {
    expect(chineseLintMessage({ file: "f", path: "", message: "something new" }).message).toBe(
      "something new",
    );
  });
});
