import { describe, expect, it } from "vitest";
import { buildEdition } from "../test/buildEdition.js";
import { applicationBlockers, pruneApplication } from "./application.js";

const edition = buildEdition();

describe("applicationBlockers", () => {
  it("blocks on a missing or unknown candidate type before anything else", () => {
    expect(applicationBlockers(edition, { sections: {} })).toEqual([
      { section: "", path: "candidateType", message: "请选择Type" },
    ]);
    expect(applicationBlockers(edition, { candidateType: "z", sections: {} })).toHaveLength(1);
  });

  it("names each untouched required section that applies, and skips the others", () => {
    expect(applicationBlockers(edition, { candidateType: "x", sections: { profile: {} } })).toEqual([
      { section: "profile", path: "", message: "请完善Profile" },
      { section: "onlyX", path: "", message: "请完善Only X" },
    ]);
    expect(applicationBlockers(edition, { candidateType: "y", sections: {} }).map((b) => b.section)).toEqual([
      "profile",
    ]);
  });

  it("lists every error of filled sections, including optional ones with data", () => {
    const blockers = applicationBlockers(edition, {
      candidateType: "y",
      sections: { profile: { name: "n", kind: "b" }, optional: { note: "long" } },
    });
    expect(blockers).toEqual([
      { section: "profile", path: "extra", message: "请填写Extra" },
      { section: "optional", path: "note", message: "Note不能超过3个字" },
    ]);
  });

  it("has no blockers for a complete application", () => {
    expect(
      applicationBlockers(edition, { candidateType: "y", sections: { profile: { name: "n", kind: "a" } } }),
    ).toEqual([]);
  });

  it("reports an error per item of a very long list without overflowing the stack (issue 11)", () => {
    const items = Array.from({ length: 150_000 }, () => ({ issuedOn: "not a date" }));
    const blockers = applicationBlockers(edition, {
      candidateType: "y",
      sections: { profile: { name: "n", kind: "a", items } },
    });
    expect(blockers.filter((blocker) => blocker.path.startsWith("items.")).length).toBe(items.length);
  });
});

describe("pruneApplication", () => {
  it("drops sections that do not apply and hidden fields of the others", () => {
    const pruned = pruneApplication(edition, {
      candidateType: "y",
      sections: { profile: { name: "n", kind: "a", extra: "e" }, onlyX: { a: "a" } },
    });
    expect(pruned).toEqual({ candidateType: "y", sections: { profile: { name: "n", kind: "a" } } });
  });
});
