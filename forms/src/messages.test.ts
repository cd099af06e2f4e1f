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

  it("words the bindings', json-logic and file-shape sentences too (issue 9: the studio's 检查 tab)", () => {
    const chinese = (message: string) =>
      chineseLintMessage({ file: "manifest.json", path: "", message }).message;
    expect(chinese('onsite county: unknown json-logic operator "sum"')).toBe(
      "onsite.county 条件：不认识的 json-logic 运算符「sum」",
    );
    expect(chinese("a json-logic operation has exactly one operator, found 2")).toBe(
      "一个 json-logic 运算只能有一个运算符，这里有 2 个",
    );
    expect(chinese("invalid manifest: required: title")).toBe("manifest.json 格式不符：缺少「title」");
    expect(chinese("invalid rules file: must be array")).toBe("规则文件格式不符：应为列表");
    expect(chinese('"{url}" is not filled in by the platform here; it fills only nothing')).toBe(
      "平台在这里不会填写 {url}，只会填写：无",
    );
  });

  it("leaves a sentence it does not know as it is", () => {
    expect(chineseLintMessage({ file: "f", path: "", message: "something new" }).message).toBe(
      "something new",
    );
  });
});
