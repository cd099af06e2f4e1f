import { describe, expect, it } from "vitest";
import { chineseNumber } from "./chineseNumber.js";

describe("chineseNumber", () => {
  it("writes list positions the way the guide numbers case records", () => {
    expect([1, 5, 10, 11, 20, 21, 99].map(chineseNumber)).toEqual([
      "一",
      "五",
      "十",
      "十一",
      "二十",
      "二十一",
      "九十九",
    ]);
  });

  it("falls back to digits outside 1–99", () => {
    expect([0, 100, 2.5].map(chineseNumber)).toEqual(["0", "100", "2.5"]);
  });
});
