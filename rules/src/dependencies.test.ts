import { describe, expect, it } from "vitest";
import { buildEdition } from "../test/buildEdition.js";
import { sectionsAffectedBy, sectionsReadBy } from "./dependencies.js";
import type { Edition, Logic, Rule } from "./types.js";

/** The test edition with `rules` as the only rules of section `key`. */
function withRules(edition: Edition, key: string, rules: Rule[]): Edition {
  return {
    ...edition,
    sections: edition.sections.map((section) => (section.key === key ? { ...section, rules } : section)),
  };
}

const check = (id: string, assert: Logic): Rule => ({
  id,
  effect: "check",
  field: "x",
  assert,
  message: "m",
});

describe("sectionsAffectedBy (issue 12: a save re-checks only what it can change)", () => {
  it("is the section alone when no other section's rules read it", () => {
    const edition = buildEdition();
    for (const section of edition.sections)
      expect([...sectionsAffectedBy(edition, section.key)]).toEqual([section.key]);
  });

  it("adds the sections whose rules read it, transitively, in when, assert and hint values", () => {
    let edition = withRules(buildEdition(), "optional", [
      check("reads-profile", { "!!": { var: "sections.profile.name" } }),
    ]);
    edition = withRules(edition, "onlyX", [
      { id: "hint", effect: "hint", message: "{n}", values: { n: { var: ["sections.optional.x", 0] } } },
    ]);
    expect([...sectionsAffectedBy(edition, "profile")].sort()).toEqual(["onlyX", "optional", "profile"]);
    expect([...sectionsAffectedBy(edition, "optional")].sort()).toEqual(["onlyX", "optional"]);
    expect([...sectionsAffectedBy(edition, "onlyX")]).toEqual(["onlyX"]);
  });

  it("counts a computed path or the whole of sections as reading every section", () => {
    for (const logic of [{ var: { cat: ["sections.", "profile"] } }, { var: "sections" }] as Logic[]) {
      const edition = withRules(buildEdition(), "optional", [check("any", logic)]);
      expect(sectionsAffectedBy(edition, "profile").has("optional")).toBe(true);
      expect(sectionsAffectedBy(edition, "onlyX").has("optional")).toBe(true);
      expect(sectionsAffectedBy(edition, "optional").has("profile")).toBe(false);
    }
  });

  it("ignores the section's own answers and the candidate type", () => {
    const edition = withRules(buildEdition(), "optional", [
      check("own", { and: [{ var: "answers.x" }, { var: "candidateType" }, { var: "item.y" }] }),
    ]);
    expect(sectionsAffectedBy(edition, "profile").has("optional")).toBe(false);
  });
});

describe("sectionsReadBy", () => {
  it("names the other sections a form's rules read, or every other section for a computed path", () => {
    let edition = withRules(buildEdition(), "optional", [
      check("reads", { and: [{ var: "sections.profile.name" }, { var: "sections.optional.x" }] }),
    ]);
    expect(sectionsReadBy(edition, "optional")).toEqual(["profile"]);
    edition = withRules(edition, "onlyX", [check("any", { var: { cat: ["sections.", "profile"] } })]);
    expect(sectionsReadBy(edition, "onlyX").sort()).toEqual(["optional", "profile"]);
  });
});
