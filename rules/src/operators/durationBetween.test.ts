import { describe, expect, it } from "vitest";
import { evaluate } from "../logic.js";
import { durationBetween } from "./durationBetween.js";

describe("durationBetween", () => {
  it("says one day short of five years as 4 years 364 days", () => {
    expect(durationBetween("2019-01-01", "2023-12-31")).toMatchObject({ years: 4, yearDays: 364 });
    expect(durationBetween("2019-01-01", "2024-01-01")).toMatchObject({
      years: 5,
      yearDays: 0,
      totalDays: 1826,
    });
  });

  it("splits a span into years, months and days", () => {
    expect(durationBetween("2020-03-15", "2022-02-20")).toEqual({
      years: 1,
      months: 11,
      days: 5,
      yearDays: 342,
      totalDays: 707,
    });
    // 31 January plus one month is the last day of February.
    expect(durationBetween("2023-01-31", "2023-02-28")).toMatchObject({ months: 1, days: 0 });
  });

  it("is null for non-dates and backwards spans, also inside rules", () => {
    expect(durationBetween("2020-01-01", "2019-12-31")).toBeNull();
    expect(durationBetween("2020-02-30", "2021-01-01")).toBeNull();
    expect(evaluate({ durationBetween: ["2020-01-01", "2021-03-02"] }, {})).toMatchObject({
      years: 1,
      months: 2,
    });
  });
});
