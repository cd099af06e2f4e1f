import { describe, expect, it } from "vitest";
import type { FormDefinition, Rule } from "@shenbao/rules";
import { pickWatched, watchedKey, watchedPaths } from "./watchedPaths.js";

const formWith = (rules: Rule[]): FormDefinition => ({
  key: "sample",
  title: "",
  schema: {},
  uiSchema: {},
  rules,
  examples: [],
});

describe("watchedPaths", () => {
  it("collects the answers a show or require rule reads, skipping checks and per-item rules", () => {
    const form = formWith([
      { id: "a", effect: "show", when: { "==": [{ var: "answers.method" }, "external"] }, fields: ["x"] },
      {
        id: "b",
        effect: "require",
        when: { onOrAfter: [{ var: ["answers.period.end", null] }, "2017-07-01"] },
      },
      { id: "c", effect: "show", when: { "==": [{ var: "candidateType" }, "practice"] }, fields: ["y"] },
      { id: "d", effect: "check", when: { var: "answers.ignored" }, field: "z", assert: true, message: "" },
      { id: "e", effect: "show", each: "list", when: { var: "item.kind" }, fields: ["w"] },
      { id: "f", effect: "show", when: { var: "sections.sample.own" }, fields: ["v"] },
    ]);
    expect(watchedPaths(form)).toEqual(["method", "own", "period.end"]);
  });

  it("watches everything when a rule reads the whole answers object", () => {
    const form = formWith([
      { id: "a", effect: "show", when: { count: [{ var: "answers" }] }, fields: ["x"] },
    ]);
    expect(watchedPaths(form)).toEqual([""]);
  });
});

describe("watchedKey and pickWatched", () => {
  it("change only with a watched value and copy only watched values", () => {
    const paths = ["method", "period.end"];
    const data = { method: "external", note: "a", period: { start: "2010-01-01", end: "2018-01-01" } };
    expect(watchedKey({ ...data, note: "ab" }, paths)).toBe(watchedKey(data, paths));
    expect(watchedKey({ ...data, method: "internal" }, paths)).not.toBe(watchedKey(data, paths));
    expect(pickWatched(data, paths)).toEqual({ method: "external", period: { end: "2018-01-01" } });
  });
});
