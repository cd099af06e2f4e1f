import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./returnPath.js";

describe("safeReturnPath", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(safeReturnPath("/apply?step=2#basicInfo")).toBe("/apply?step=2#basicInfo");
    expect(safeReturnPath("/个人中心")).toBe("/%E4%B8%AA%E4%BA%BA%E4%B8%AD%E5%BF%83");
  });

  it("sends the browser home when no path is given", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath("")).toBe("/");
  });

  it("refuses every way of naming another origin", () => {
    for (const attempt of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/\tevil",
      " /apply",
      `/${"a".repeat(600)}`,
    ]) {
      expect(safeReturnPath(attempt), attempt).toBeUndefined();
    }
  });
});
