import { describe, expect, it } from "vitest";
import { residentIdHint } from "./idNumberHints.js";

// 11010519491231002X is the worked example of GB 11643 itself.
const VALID = "11010519491231002X";

describe("residentIdHint", () => {
  it("accepts a valid number, with a lower-case x too", () => {
    expect(residentIdHint(VALID)).toBeUndefined();
    expect(residentIdHint(VALID.toLowerCase())).toBeUndefined();
  });

  it("says how many digits are still missing while typing", () => {
    expect(residentIdHint("110105")).toBe("身份证号码应为18位，已输入6位");
  });

  it("rejects a wrong check digit and an impossible birth date", () => {
    expect(residentIdHint("110105194912310021")).toMatch(/校验位/);
    // Same body with 1949-02-30, check digit recomputed so only the date is wrong.
    const body = "11010519490230002";
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((t, w, i) => t + w * Number(body[i]), 0);
    expect(residentIdHint(body + "10X98765432"[sum % 11])).toMatch(/出生年月日/);
  });
});
