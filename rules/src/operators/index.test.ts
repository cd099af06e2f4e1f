import { describe, expect, it } from "vitest";
import { evaluate } from "../logic.js";
import { addYears } from "./addYears.js";
import { parseDate, parseRange } from "./dates.js";
import { CUSTOM_OPERATORS, isKnownOperator, registerOperators } from "./index.js";
import { onOrAfter } from "./onOrAfter.js";
import { overlaps } from "./overlaps.js";
import { yearsBetween } from "./yearsBetween.js";

describe("date operators", () => {
  it("parses only real ISO dates", () => {
    expect(parseDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDate("2023-02-29")).toBeNull();
    expect(parseDate("2023-2-1")).toBeNull();
    expect(parseDate(20230201)).toBeNull();
    expect(parseRange({ start: "2020-01-01", end: "bad" })).toBeNull();
    expect(parseRange(null)).toBeNull();
  });

  it("counts whole years between dates, in both directions", () => {
    expect(yearsBetween("2016-03-01", "2021-03-01")).toBe(5);
    expect(yearsBetween("2016-03-01", "2021-02-28")).toBe(4);
    expect(yearsBetween("2021-03-01", "2016-03-02")).toBe(-4);
    expect(yearsBetween("2021-03-01", "2016-03-01")).toBe(-5);
    expect(yearsBetween("2021-03-01", "2021-03-01")).toBe(0);
    expect(yearsBetween("x", "2021-03-01")).toBeNull();
  });

  it("adds years, falling back to 28 February from a leap day", () => {
    expect(addYears("2019-06-30", 2)).toBe("2021-06-30");
    expect(addYears("2020-02-29", 1)).toBe("2021-02-28");
    expect(addYears("2020-02-29", 4)).toBe("2024-02-29");
    expect(addYears("2020-02-29", 1.5)).toBeNull();
    expect(addYears("nope", 1)).toBeNull();
  });

  it("compares dates on or after, rejecting non-dates", () => {
    expect(onOrAfter("2017-07-01", "2017-07-01")).toBe(true);
    expect(onOrAfter("2017-06-30", "2017-07-01")).toBe(false);
    expect(onOrAfter(null, "2017-07-01")).toBe(false);
  });

  it("tells whether a period overlaps a window with open bounds", () => {
    const period = { start: "2010-01-01", end: "2017-07-01" };
    expect(overlaps(period, "2017-07-01", null)).toBe(true);
    expect(overlaps({ ...period, end: "2017-06-30" }, "2017-07-01", null)).toBe(false);
    expect(overlaps(period, null, "2009-12-31")).toBe(false);
    expect(overlaps(period, undefined, "2010-01-01")).toBe(true);
    expect(overlaps(period, "2012-01-01", "2013-01-01")).toBe(true);
    expect(overlaps(period, "bad", null)).toBe(false);
    expect(overlaps(period, null, "bad")).toBe(false);
    expect(overlaps({ start: "2010-01-01" }, null, null)).toBe(false);
  });
});

describe("operator registry", () => {
  it("makes every custom operator usable from json-logic", () => {
    registerOperators();
    registerOperators();
    const teachers = [
      { role: "r", id: "1" },
      { role: "s", id: "2" },
      { role: "r", id: "" },
    ];
    expect(
      evaluate({ count: { filter: [{ var: "t" }, { "==": [{ var: "role" }, "r"] }] } }, { t: teachers }),
    ).toBe(2);
    expect(evaluate({ count: { var: "missing" } }, {})).toBe(0);
    expect(evaluate({ unique: { map: [{ var: "t" }, { var: "id" }] } }, { t: teachers })).toBe(true);
    expect(evaluate({ unique: [["1", "2", "1"]] }, {})).toBe(false);
    expect(evaluate({ unique: [null] }, {})).toBe(true);
    expect(evaluate({ isDate: "2024-01-31" }, {})).toBe(true);
    expect(evaluate({ addYears: ["2020-01-01", 5] }, {})).toBe("2025-01-01");
    expect(Object.keys(CUSTOM_OPERATORS).sort()).toEqual([
      "addYears",
      "count",
      "durationBetween",
      "isDate",
      "onOrAfter",
      "overlaps",
      "unique",
      "yearsBetween",
    ]);
  });

  it("knows standard and custom operator names", () => {
    expect(isKnownOperator("filter")).toBe(true);
    expect(isKnownOperator("overlaps")).toBe(true);
    expect(isKnownOperator("yearsSince")).toBe(false);
  });
});
