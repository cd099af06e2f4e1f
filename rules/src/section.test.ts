import { describe, expect, it } from "vitest";
import { buildEdition } from "../test/buildEdition.js";
import {
  checkSection,
  effectiveSection,
  findForm,
  pruneHidden,
  sectionApplies,
  sectionHints,
  sectionState,
  UnknownFormError,
} from "./section.js";
import type { Answers, SectionData } from "./types.js";

const edition = buildEdition();
const answer = (profile: SectionData, candidateType = "x"): Answers => ({
  candidateType,
  sections: { profile },
});
const paths = (answers: Answers, key = "profile") => checkSection(edition, key, answers).map((e) => e.path);

describe("sectionApplies / findForm", () => {
  it("applies a section only to the candidate types its appliesWhen names", () => {
    expect(sectionApplies(edition, "onlyX", { candidateType: "x" })).toBe(true);
    expect(sectionApplies(edition, "onlyX", { candidateType: "y" })).toBe(false);
    expect(sectionApplies(edition, "onlyX", {})).toBe(false);
    expect(sectionApplies(edition, "profile", { candidateType: "y" })).toBe(true);
    expect(sectionApplies(edition, "sign", {})).toBe(true);
  });

  it("throws a typed error for an unknown key", () => {
    expect(() => findForm(edition, "nope")).toThrow(UnknownFormError);
  });
});

describe("pruneHidden", () => {
  it("drops the data of a hidden branch, following chained conditions, and null fields", () => {
    const pruned = pruneHidden(
      edition,
      "profile",
      answer({ name: "n", kind: "a", extra: "e", detail: "d", place: null }),
    );
    expect(pruned).toEqual({ name: "n", kind: "a" });
  });

  it("keeps a branch whose condition holds and never mutates the answers", () => {
    const profile = { name: "n", kind: "b", extra: "e", detail: "d" };
    expect(pruneHidden(edition, "profile", answer(profile))).toEqual(profile);
    const given = { kind: "a", extra: "e" };
    pruneHidden(edition, "profile", answer(given));
    expect(given).toEqual({ kind: "a", extra: "e" });
  });

  it("treats a missing or non-object section as empty", () => {
    expect(pruneHidden(edition, "profile", { sections: {} })).toEqual({});
  });
});

describe("effectiveSection", () => {
  it("removes hidden fields from schema and uiSchema and expands a flat catalog", () => {
    const { schema, uiSchema } = effectiveSection(edition, "profile", answer({ kind: "a" }));
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).not.toContain("extra");
    expect(Object.keys(properties)).not.toContain("detail");
    expect(uiSchema.extra).toBeUndefined();
    expect(uiSchema["ui:order"]).toEqual(["name", "kind", "place", "period", "items"]);
    expect(properties.kind?.oneOf).toEqual([
      { const: "a", title: "A" },
      { const: "b", title: "B" },
    ]);
    // Hierarchical catalogs are left to the catalog widgets.
    expect(properties.place?.oneOf).toBeUndefined();
  });

  it("adds conditional required fields while their condition holds, not per item", () => {
    const { schema } = effectiveSection(
      edition,
      "profile",
      answer({ kind: "b", items: [{ file: "att_0000001" }] }),
    );
    expect(schema.required).toEqual(["name", "kind", "extra"]);
    expect(Object.keys(schema.properties as object)).toContain("extra");
    const items = (schema.properties as Record<string, { items: { required?: unknown } }>).items;
    expect(items?.items.required).toBeUndefined();
  });

  it("removes a hidden nested field from its group", () => {
    const edition2 = buildEdition();
    const profile = findForm(edition2, "profile");
    profile.rules.push({ id: "no-end", effect: "show", when: false, fields: ["period.end"] });
    profile.uiSchema.period = { end: { "ui:widget": "date" }, "ui:order": ["start", "end"] };
    const { schema, uiSchema } = effectiveSection(edition2, "profile", answer({ kind: "a" }));
    const period = (schema.properties as Record<string, { properties: object }>).period;
    expect(Object.keys(period?.properties ?? {})).toEqual(["start"]);
    expect(uiSchema.period).toEqual({ "ui:order": ["start"] });
  });

  it("ignores a requirement on a field the schema does not have", () => {
    const edition2 = buildEdition();
    findForm(edition2, "profile").rules.push({ id: "ghost", effect: "require", fields: ["ghost.field"] });
    expect(effectiveSection(edition2, "profile", answer({ kind: "a" })).schema.required).toEqual([
      "name",
      "kind",
    ]);
  });

  it("leaves the edition's own schema untouched", () => {
    effectiveSection(edition, "profile", answer({ kind: "a" }));
    expect(Object.keys(findForm(edition, "profile").schema.properties as object)).toContain("extra");
  });
});

describe("checkSection / sectionState", () => {
  it("reports schema errors in Chinese with field paths", () => {
    const errors = checkSection(edition, "profile", answer({ kind: "z" }));
    expect(errors).toEqual([
      { section: "profile", path: "name", message: "请填写Name" },
      { section: "profile", path: "kind", message: "Kind不在可选范围内" },
    ]);
    expect(sectionState(edition, "profile", answer({ kind: "z" }))).toBe("incomplete");
  });

  it("requires a shown field only while its branch applies", () => {
    expect(paths(answer({ name: "n", kind: "b" }))).toEqual(["extra"]);
    expect(paths(answer({ name: "n", kind: "a" }))).toEqual([]);
    expect(sectionState(edition, "profile", answer({ name: "n", kind: "a" }))).toBe("complete");
  });

  it("enforces per-item requirements with the item in the path and message", () => {
    const errors = checkSection(
      edition,
      "profile",
      answer({ name: "n", kind: "a", items: [{}, { file: "att_0000001" }] }),
    );
    expect(errors).toEqual([
      { section: "profile", path: "items.1.issuedOn", message: "Items第2项：请填写Issued" },
    ]);
  });

  it("reports failed checks with their message, and not when the guard is false", () => {
    const short = { name: "n", kind: "a", period: { start: "2020-01-01", end: "2021-01-01" } };
    expect(checkSection(edition, "profile", answer(short))).toEqual([
      { section: "profile", path: "period", message: "five years" },
    ]);
    expect(paths(answer({ ...short, period: { start: "2015-01-01", end: "2021-01-01" } }))).toEqual([]);
    expect(paths(answer({ ...short, period: { start: "2020-01-01" } }))).toEqual([]);
  });

  it("does not report a requirement twice when the schema already did", () => {
    const edition2 = buildEdition();
    const profile = findForm(edition2, "profile");
    profile.rules.push({ id: "name-required", effect: "require", fields: ["name"] });
    profile.rules.push({
      id: "detail-required",
      effect: "require",
      when: { "!!": { var: "answers.extra" } },
      fields: ["detail"],
    });
    // A requirement on a hidden field is void; two identical checks say it once.
    profile.rules.push({ id: "extra-always", effect: "require", fields: ["extra"] });
    const twice = { id: "never", effect: "check", assert: false, field: "name", message: "m" } as const;
    profile.rules.push({ ...twice }, { ...twice, id: "never-again" });
    const errors = checkSection(edition2, "profile", answer({ kind: "a" }));
    expect(errors.map((e) => `${e.path}:${e.message}`)).toEqual(["name:请填写Name", "name:m"]);
  });

  it("has nothing to say about a section that does not apply", () => {
    expect(checkSection(edition, "onlyX", { candidateType: "y", sections: {} })).toEqual([]);
    expect(paths({ candidateType: "x", sections: {} }, "onlyX")).toEqual(["a"]);
  });

  it("checks the extra forms too", () => {
    expect(checkSection(edition, "sign", { sections: { sign: { ok: false } } })).toEqual([
      { section: "sign", path: "ok", message: "请勾选OK" },
    ]);
    expect(checkSection(edition, "sign", { sections: { sign: {} } })[0]?.message).toBe("请勾选OK");
  });
});

describe("sectionHints", () => {
  const answersWith = (profile: Record<string, unknown>) =>
    ({ candidateType: "x", sections: { profile } }) as Parameters<typeof sectionHints>[2];

  it("fills a hint's placeholders from its computed values while its condition holds", () => {
    const hints = sectionHints(
      buildEdition(),
      "profile",
      answersWith({ period: { start: "2019-01-01", end: "2023-12-31" } }),
    );
    expect(hints).toEqual([{ path: "period", message: "4 y 364 d, 1 d short" }]);
  });

  it("says nothing while a placeholder has no value, once the condition fails, or for hidden fields", () => {
    const edition = buildEdition();
    expect(sectionHints(edition, "profile", answersWith({ period: { start: "2019-01-01" } }))).toEqual([]);
    const done = answersWith({ period: { start: "2019-01-01", end: "2024-01-01" } });
    expect(sectionHints(edition, "profile", done)).toEqual([]);
    const shown = sectionHints(edition, "profile", answersWith({ kind: "b" }));
    expect(shown).toEqual([{ path: "extra", message: "extra is shown" }]);
  });

  it("never turns a hint into an error", () => {
    const answers = answersWith({ name: "n", kind: "a", period: { start: "2019-01-01", end: "2023-12-31" } });
    expect(checkSection(buildEdition(), "profile", answers).map((e) => e.message)).toEqual(["five years"]);
  });
});
