import { describe, expect, it } from "vitest";
import { InputTooDeepError, InvalidCharactersError } from "../errors.js";
import { cleanJsonInput, MAX_JSON_DEPTH } from "./cleanJsonInput.js";

const nested = (depth: number): unknown => {
  let value: unknown = "leaf";
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
};

describe("cleanJsonInput", () => {
  it("normalises every string to NFC with LF line breaks, keys included", () => {
    const decomposed = "e\u0301";
    expect(cleanJsonInput({ note: `第一行\r\n第二行\r`, [decomposed]: [decomposed] })).toEqual({
      note: "第一行\n第二行\n",
      "\u00e9": ["\u00e9"],
    });
  });

  it("keeps ordinary text, tabs, line breaks and supplementary-plane characters", () => {
    const body = { name: "𠮷田", text: "第一栏：\t内容\n第二行", emoji: "👍", n: 1, b: true, z: null };
    expect(cleanJsonInput(structuredClone(body))).toEqual(body);
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["a C0 control", "a\u0007b"],
    ["DEL", "a\u007fb"],
    ["a C1 control", "a\u0085b"],
    ["a lone high surrogate", "a\ud842b"],
    ["a lone low surrogate", "a\udfb7b"],
    ["a right-to-left override", "a\u202eb"],
    ["U+FFFD from bytes that were not UTF-8", "a\ufffdb"],
    ["a noncharacter", "a\uffffb"],
  ])("refuses %s and names the field", (_what, text) => {
    const error = (() => {
      try {
        cleanJsonInput({ data: { list: ["ok", text] } });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidCharactersError);
    expect((error as InvalidCharactersError).details).toEqual({ path: "data.list.1" });
  });

  it("refuses a control character in a key", () => {
    expect(() => cleanJsonInput({ "a\u0000": 1 })).toThrow(InvalidCharactersError);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses deeper, without recursion`, () => {
    expect(() => cleanJsonInput(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => cleanJsonInput(nested(MAX_JSON_DEPTH + 1))).toThrow(InputTooDeepError);
    expect(() => cleanJsonInput(nested(200_000))).toThrow(InputTooDeepError);
  });
});
