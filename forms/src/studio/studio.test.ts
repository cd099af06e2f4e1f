// The studio's pure edits (#9, FORM-2, FORM-4): every edit of the shipped hubei-2024 files leaves an edition
// the linter accepts, refuses what would break it, and never reuses a field id.
import { beforeAll, describe, expect, it } from "vitest";
import { lintEdition } from "../lint.js";
import { editionDir } from "../paths.js";
import { filesSource, readEditionFiles, type EditionFiles } from "../source.js";
import {
  addField,
  addRule,
  conditionFields,
  fieldInfo,
  fieldPathFromPointer,
  focusOfFinding,
  fieldTree,
  FIELD_KINDS,
  moveField,
  removeField,
  removeRule,
  retiredFields,
  StudioError,
  updateField,
  updateRule,
  listRules,
} from "./index.js";

let hubei: EditionFiles;
beforeAll(async () => {
  hubei = await readEditionFiles(editionDir("hubei-2024"));
});

const TECHNIQUE = "sections/technique/technique.schema.json";
const json = (files: EditionFiles, file: string) => JSON.parse(files[file] ?? "null") as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const lint = (files: EditionFiles) => lintEdition(filesSource(files));
const refused = (edit: () => unknown, code: string) => {
  try {
    edit();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe(code);
    expect((error as StudioError).message).toMatch(/[\u4e00-\u9fff]/);
    return (error as StudioError).message;
  }
  throw new Error(`expected a StudioError ${code}`);
};

describe("field tree", () => {
  it("lists fields in ui:order with nested groups and list items", () => {
    const tree = fieldTree(hubei, "sections/basicInfo/basicInfo.ui.json");
    const order = json(hubei, "sections/basicInfo/basicInfo.ui.json")["ui:order"] as string[];
    expect(tree.map((node) => node.name)).toEqual(order);
    const education = tree.find((node) => node.name === "education")!;
    expect(education.kind).toBe("list");
    expect(education.children.map((node) => node.path)).toContain("education.period");
    expect(education.children.find((node) => node.name === "period")?.kind).toBe("dateRange");
    expect(tree.find((node) => node.name === "photo")?.kind).toBe("attachment");
    expect(tree.find((node) => node.name === "name")?.required).toBe(true);
    const practice = fieldTree(hubei, "sections/practice");
    expect(practice.find((node) => node.name === "onsiteDivision")?.kind).toBe("division");
    expect(practice.find((node) => node.name === "patientRecommendations")?.kind).toBe("attachment");
    expect(fieldTree(hubei, "forms/onsite/onsite.rules.json").map((node) => node.name)).toContain("result");
  });

  it("maps a schema JSON Pointer to a field path", () => {
    expect(fieldPathFromPointer("/properties/education/items/properties/period/properties/start")).toBe(
      "education.period.start",
    );
  });

  it("says where a lint finding is edited: a field of a schema or uiSchema, a rule", () => {
    const at = (file: string, path: string) => focusOfFinding(hubei, { file, path });
    expect(
      at("sections/basicInfo/basicInfo.schema.json", "/properties/education/items/properties/diploma"),
    ).toBe("education.diploma");
    expect(at("sections/basicInfo/basicInfo.ui.json", "/education/items/diploma/ui:options/accept")).toBe(
      "education.diploma",
    );
    const first = (JSON.parse(hubei[TECHNIQUE.replace("schema", "rules")]!) as { id: string }[])[0]!.id;
    expect(at("sections/technique/technique.rules.json", "/0/when/==/0/var")).toBe(`rule:${first}`);
    expect(at("manifest.json", "/bindings")).toBeUndefined();
  });
});

describe("adding fields", () => {
  it("adds every kind the way the edition writes it, in schema and ui:order, lint clean", async () => {
    let files = hubei;
    for (const kind of FIELD_KINDS) {
      files = addField(files, TECHNIQUE, { kind, name: `new_${kind}`, title: `新${kind}` });
      const schema = json(files, TECHNIQUE);
      expect(schema.properties[`new_${kind}`].title).toBe(`新${kind}`);
      expect(schema.required).not.toContain(`new_${kind}`);
      expect(json(files, "sections/technique/technique.ui.json")["ui:order"].at(-1)).toBe(`new_${kind}`);
      expect(fieldInfo(files, TECHNIQUE, `new_${kind}`).kind).toBe(kind);
    }
    const schema = json(files, TECHNIQUE);
    const ui = json(files, "sections/technique/technique.ui.json");
    expect(schema.properties.new_text).toMatchObject({ type: "string", maxLength: 100 });
    expect(schema.properties.new_date).toMatchObject({ format: "date", maxLength: 10 });
    // The date range and attachment copy the edition's own conventions.
    const period = json(hubei, "sections/practice/practice.schema.json").properties.period;
    expect(schema.properties.new_dateRange.properties.start.title).toBe(period.properties.start.title);
    expect(ui.new_dateRange).toEqual({ "ui:field": "dateRange" });
    expect(ui.new_attachment["ui:options"]).toEqual({
      accept: ["image/jpeg", "image/png", "application/pdf"],
      maxBytes: 10485760,
      maxCount: 1,
    });
    expect(ui.new_division["ui:options"].catalog).toBe(json(hubei, "manifest.json").bindings.divisions);
    expect(schema.properties.new_list).toMatchObject({ type: "array", maxItems: 20 });
    expect(await lint(files)).toEqual([]);
  });

  it("adds into a list's items and a group, and offers catalogs and inline options", async () => {
    let files = addField(hubei, "sections/basicInfo", {
      kind: "text",
      parent: "education",
      name: "major",
      title: "专业",
    });
    files = addField(files, "sections/basicInfo", {
      kind: "choice",
      name: "degree",
      title: "学位",
      catalog: "healthStatus",
    });
    files = addField(files, "sections/basicInfo", {
      kind: "multiChoice",
      name: "languages",
      title: "语言",
      options: [
        { value: "zh", title: "中文" },
        { value: "en", title: "英文" },
      ],
    });
    const schema = json(files, "sections/basicInfo/basicInfo.schema.json");
    expect(schema.properties.education.items.properties.major.maxLength).toBe(100);
    const ui = json(files, "sections/basicInfo/basicInfo.ui.json");
    expect(ui.education.items["ui:order"].at(-1)).toBe("major");
    expect(ui.degree).toEqual({
      "ui:widget": "catalogSelect",
      "ui:options": { catalog: "healthStatus", search: true },
    });
    expect(schema.properties.languages.items.oneOf).toEqual([
      { const: "zh", title: "中文" },
      { const: "en", title: "英文" },
    ]);
    expect(await lint(files)).toEqual([]);
  });

  it("refuses a bad name, a missing title, an unknown catalog", () => {
    refused(
      () => addField(hubei, TECHNIQUE, { kind: "text", name: "2x", title: "甲" }),
      "invalid_field_name",
    );
    refused(() => addField(hubei, TECHNIQUE, { kind: "text", name: "x", title: " " }), "missing_title");
    refused(
      () => addField(hubei, TECHNIQUE, { kind: "choice", name: "x", title: "甲", catalog: "nope" }),
      "unknown_catalog",
    );
  });
});

describe("stable field ids", () => {
  it("refuses a name that exists, was removed in this draft, or exists in the copied version", async () => {
    refused(
      () => addField(hubei, TECHNIQUE, { kind: "text", name: "method", title: "甲" }),
      "field_id_taken",
    );
    const removed = removeField(hubei, TECHNIQUE, "servedLastFiveYears");
    expect(retiredFields(removed, "technique")).toEqual(["servedLastFiveYears"]);
    const message = refused(
      () => addField(removed, TECHNIQUE, { kind: "number", name: "servedLastFiveYears", title: "甲" }),
      "field_id_taken",
    );
    expect(message).toContain("永不复用");
    // A field added in the draft and removed before publishing is retired as well.
    const added = addField(hubei, TECHNIQUE, { kind: "text", name: "fresh", title: "新" });
    const gone = removeField(added, TECHNIQUE, "fresh");
    refused(() => addField(gone, TECHNIQUE, { kind: "text", name: "fresh", title: "新" }), "field_id_taken");
    // The version the draft was copied from: a field it had that the draft lost without a record.
    const schema = json(hubei, TECHNIQUE);
    delete schema.properties.servedLastFiveYears;
    const edited = { ...hubei, [TECHNIQUE]: JSON.stringify(schema) };
    expect(() =>
      addField(edited, TECHNIQUE, { kind: "text", name: "servedLastFiveYears", title: "甲" }),
    ).not.toThrow();
    refused(
      () => addField(edited, TECHNIQUE, { kind: "text", name: "servedLastFiveYears", title: "甲" }, hubei),
      "field_id_taken",
    );
  });

  it("lints a retired id that reappears (e.g. through the code view)", async () => {
    const removed = removeField(hubei, TECHNIQUE, "servedLastFiveYears");
    expect(await lint(removed)).toEqual([]);
    const schema = json(removed, TECHNIQUE);
    schema.properties.servedLastFiveYears = { type: "integer", title: "复用" };
    expect(await lint({ ...removed, [TECHNIQUE]: JSON.stringify(schema) })).toEqual([
      {
        file: "manifest.json",
        path: "/retiredFields/technique/0",
        message: 'field "servedLastFiveYears" of "technique" was removed before: its id must not be reused',
      },
    ]);
  });
});

describe("removing, reordering, editing", () => {
  it("removes a field with its ui entry, required entry and example values, lint clean", async () => {
    const files = removeField(hubei, TECHNIQUE, "servedLastFiveYears");
    expect(json(files, TECHNIQUE).properties.servedLastFiveYears).toBeUndefined();
    expect(json(files, TECHNIQUE).required).not.toContain("servedLastFiveYears");
    expect(json(files, "sections/technique/technique.ui.json")["ui:order"]).not.toContain(
      "servedLastFiveYears",
    );
    expect(files["sections/technique/examples/valid-internal.json"]).not.toContain("servedLastFiveYears");
    expect(await lint(files)).toEqual([]);
    const nested = removeField(hubei, "sections/basicInfo", "education.diploma");
    expect(await lint(nested)).toEqual([]);
  });

  it("refuses to remove a field a rule or binding uses, naming them", () => {
    expect(refused(() => removeField(hubei, TECHNIQUE, "externalMedicine"), "field_in_use")).toContain(
      "external-medicine-when-external",
    );
    // Read by another section's rule through sections.<key>.…
    expect(refused(() => removeField(hubei, "sections/practice", "period"), "field_in_use")).toContain(
      "recommenders",
    );
    refused(() => removeField(hubei, "sections/basicInfo", "name"), "field_in_use");
  });

  it("reorders by writing ui:order", async () => {
    const files = moveField(hubei, TECHNIQUE, "servedLastFiveYears", 0);
    expect(json(files, "sections/technique/technique.ui.json")["ui:order"]).toEqual([
      "servedLastFiveYears",
      "diseaseCategory",
      "method",
      "externalMedicine",
      "medicalTechnique",
    ]);
    const nested = moveField(hubei, "sections/expertise", "summary.risks", 0);
    expect(json(nested, "sections/expertise/expertise.ui.json").summary["ui:order"][0]).toBe("risks");
    expect(await lint(files)).toEqual([]);
    expect(await lint(nested)).toEqual([]);
  });

  it("renames, sets help and placeholder, bounds and required, lint clean", async () => {
    let files = updateField(hubei, TECHNIQUE, "servedLastFiveYears", {
      title: "服务人数",
      help: "说明文字",
      placeholder: "请输入",
      maximum: 20000000,
    });
    const ui = json(files, "sections/technique/technique.ui.json").servedLastFiveYears;
    expect(ui).toMatchObject({ "ui:help": "说明文字", "ui:placeholder": "请输入" });
    expect(json(files, TECHNIQUE).properties.servedLastFiveYears).toMatchObject({
      title: "服务人数",
      maximum: 20000000,
    });
    files = updateField(files, TECHNIQUE, "servedLastFiveYears", { required: false, help: "" });
    expect(json(files, TECHNIQUE).required).not.toContain("servedLastFiveYears");
    expect(
      json(files, "sections/technique/technique.ui.json").servedLastFiveYears["ui:help"],
    ).toBeUndefined();
    files = updateField(files, "sections/basicInfo", "occupation", { maxLength: 80 });
    expect(await lint(files)).toEqual([]);
    refused(
      () => updateField(hubei, TECHNIQUE, "externalMedicine", { required: true }),
      "hidden_field_required",
    );
    refused(() => updateField(hubei, "sections/basicInfo", "occupation", { maxLength: 0 }), "invalid_bound");
    // Required on, then off again: back to the same schema.
    const added = addField(hubei, TECHNIQUE, { kind: "text", name: "extra", title: "补充" });
    const on = updateField(added, TECHNIQUE, "extra", { required: true });
    expect(json(on, TECHNIQUE).properties.extra.minLength).toBe(1);
    expect(json(on, TECHNIQUE).required).toContain("extra");
    const off = updateField(on, TECHNIQUE, "extra", { required: false });
    expect(json(off, TECHNIQUE).required).toEqual(json(hubei, TECHNIQUE).required);
  });

  it("switches options between a catalog and an inline list, and attachment counts", async () => {
    let files = addField(hubei, TECHNIQUE, { kind: "choice", name: "level", title: "级别" });
    files = updateField(files, TECHNIQUE, "level", { catalog: "healthStatus" });
    expect(fieldInfo(files, TECHNIQUE, "level").catalog).toBe("healthStatus");
    files = updateField(files, TECHNIQUE, "level", { options: [{ value: "a1", title: "甲级" }] });
    expect(fieldInfo(files, TECHNIQUE, "level").options).toEqual([{ value: "a1", title: "甲级" }]);
    files = addField(files, TECHNIQUE, { kind: "attachment", name: "proof", title: "证明" });
    files = updateField(files, TECHNIQUE, "proof", {
      attachment: { accept: ["application/pdf"], maxBytes: 2097152, maxCount: 3 },
    });
    expect(json(files, TECHNIQUE).properties.proof).toMatchObject({ type: "array", maxItems: 3 });
    expect(fieldInfo(files, TECHNIQUE, "proof").attachment).toEqual({
      accept: ["application/pdf"],
      maxBytes: 2097152,
      maxCount: 3,
    });
    refused(
      () => updateField(files, TECHNIQUE, "level", { options: [{ value: "含空格 x", title: "甲" }] }),
      "invalid_option_value",
    );
    expect(await lint(files)).toEqual([]);
  });
});

describe("rules", () => {
  it("adds a show rule for a new field by candidate type, edits and removes it, lint clean", async () => {
    let files = addField(hubei, TECHNIQUE, { kind: "textarea", name: "practiceNote", title: "实践说明" });
    const rule = {
      id: "practice-note-for-practice",
      effect: "show" as const,
      when: { "==": [{ var: "candidateType" }, "practice"] },
      fields: ["practiceNote"],
    };
    files = addRule(files, TECHNIQUE, rule);
    expect(listRules(files, TECHNIQUE).at(-1)).toEqual(rule);
    expect(await lint(files)).toEqual([]);
    const index = listRules(files, TECHNIQUE).length - 1;
    files = updateRule(files, TECHNIQUE, index, {
      ...rule,
      when: { overlaps: [{ var: "sections.practice.period" }, "2017-07-01", null] },
    });
    expect(listRules(files, TECHNIQUE)[index]?.when).toEqual({
      overlaps: [{ var: "sections.practice.period" }, "2017-07-01", null],
    });
    expect(await lint(files)).toEqual([]);
    refused(() => addRule(files, TECHNIQUE, rule), "duplicate_rule_id");
    refused(
      () => addRule(files, TECHNIQUE, { ...rule, id: "r2", fields: ["method"] }),
      "hidden_field_required",
    );
    refused(() => addRule(files, TECHNIQUE, { ...rule, id: "r3", fields: ["nope"] }), "unknown_field");
    refused(() => addRule(files, TECHNIQUE, { ...rule, id: "r4", when: { nope: [] } }), "unknown_operator");
    files = removeRule(files, TECHNIQUE, index);
    expect(listRules(files, TECHNIQUE)).toEqual(listRules(hubei, TECHNIQUE));
  });

  it("offers the candidate type, this form's fields and other sections' fields to conditions", () => {
    const fields = conditionFields(hubei, TECHNIQUE);
    const type = fields.find((field) => field.name === "candidateType");
    expect(type?.values?.map((value) => value.value)).toEqual(["apprentice", "practice"]);
    expect(fields.find((field) => field.name === "answers.method")?.values?.length).toBeGreaterThan(1);
    expect(fields.some((field) => field.name === "sections.practice.period")).toBe(true);
    expect(fields.some((field) => field.name.startsWith("sections.technique."))).toBe(false);
    const items = conditionFields(hubei, "sections/basicInfo", "education");
    expect(items.some((field) => field.name === "item.period.start")).toBe(true);
    const yesNo = conditionFields(hubei, "sections/apprenticeship").find(
      (f) => f.name === "answers.hasCertificate",
    );
    expect(yesNo?.values?.map((value) => value.value)).toEqual([true, false]);
    // A list names its item fields as filter / map over it read them, choices included.
    const teachers = conditionFields(hubei, "sections/recommenders").find(
      (f) => f.name === "answers.teachers",
    );
    expect(teachers?.kind).toBe("list");
    const role = teachers?.items?.find((item) => item.name === "role");
    expect(role?.values?.map((value) => value.value)).toEqual(["recommender", "supervisor"]);
    expect(teachers?.items?.some((item) => item.name === "registryId")).toBe(true);
  });
});
