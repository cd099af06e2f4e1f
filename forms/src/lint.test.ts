import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyEdition, HUBEI_2024 } from "../test/editionCopy.js";
import { lintEdition } from "./lint.js";
import { chineseLintMessage, type LintMessage } from "./messages.js";

/** Administrators read the findings in Chinese (studio, admin API): no English sentence may be left. */
function expectChinese(messages: LintMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    // Names the administrator wrote (quoted) and pointers stay as they are; the sentence around them may not.
    const sentence = chineseLintMessage(message).message.replace(
      /「[^」]*」|"[^"]*"|\{\w+\}|[\w.:/-]+\.json/g,
      "",
    );
    expect(sentence, message.message).not.toMatch(
      /\b(is|does|not|needs?|must|has|the|of|exist|only|field|text)\b/,
    );
  }
}

type Rules = { id: string; fields?: string[]; when?: unknown; each?: string; assert?: unknown }[];
type Obj = Record<string, unknown>;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function broken(file: string, change: (json: unknown) => unknown) {
  const copy = await copyEdition();
  cleanup = copy.remove;
  await copy.edit(file, change);
  return lintEdition(copy.dir);
}

describe("lintEdition", () => {
  it("passes the stored hubei-2024 edition", async () => {
    expect(await lintEdition(HUBEI_2024)).toEqual([]);
  });

  it("names file and path of a rule pointing at a missing field", async () => {
    const file = "sections/technique/technique.rules.json";
    const messages = await broken(file, (rules) => {
      (rules as Rules)[0]!.fields = ["externalMedicin"];
      return rules;
    });
    expect(messages).toEqual([
      {
        file,
        path: "/0/fields/0",
        message: 'rule "external-medicine-when-external": names field "externalMedicin" that does not exist',
      },
    ]);
  });

  it("names a json-logic var, an each list and an operator that do not exist", async () => {
    const file = "sections/recommenders/recommenders.rules.json";
    const messages = await broken(file, (json) => {
      const rules = json as Rules;
      rules[0]!.when = { "==": [{ var: "item.rol" }, "recommender"] };
      rules[1]!.assert = {
        "==": [{ count: { filter: [{ var: "answers.teachers" }, { "==": [{ var: "rol" }, "r"] }] } }, 2],
      };
      rules[2]!.when = { yearsSince: [{ var: "sections.practice.periodx" }] };
      rules[3]!.when = { "==": [{ var: "sections.practice.periodx" }, 1] };
      rules[4]!.each = "teacher";
      return rules;
    });
    expect(messages.map((m) => `${m.file} ${m.path}`)).toEqual([
      `${file} /0/when/==/0/var`,
      `${file} /1/assert/==/0/count/filter/1/==/0/var`,
      `${file} /2/when/yearsSince`,
      `${file} /3/when/==/0/var`,
      `${file} /4/each`,
    ]);
  });

  it("names a hint placeholder that no value computes", async () => {
    const file = "sections/practice/practice.rules.json";
    const messages = await broken(file, (json) => [
      ...(json as Obj[]),
      { id: "h1", effect: "hint", field: "period", message: "{years} 年", values: { year: 1 } },
    ]);
    expect(messages).toEqual([
      { file, path: "/10/message", message: 'rule "h1": placeholder {years} names no entry of "values"' },
    ]);
  });

  it("names a hint written with fields instead of one field", async () => {
    const file = "sections/practice/practice.rules.json";
    const messages = await broken(file, (json) => [
      ...(json as Obj[]),
      { id: "h2", effect: "hint", fields: ["period"], message: "x" },
    ]);
    expect(messages.map((m) => `${m.file} ${m.path}`)).toContain(`${file} /10`);
  });

  it("names a catalog that is referenced but absent", async () => {
    const file = "sections/basicInfo/basicInfo.schema.json";
    const messages = await broken(file, (schema) => {
      ((schema as Obj).properties as Record<string, Obj>).ethnicity!["x-catalog"] = "nations";
      return schema;
    });
    expect(messages).toEqual([
      {
        file,
        path: "/properties/ethnicity/x-catalog",
        message: 'catalog "nations" is referenced but absent',
      },
    ]);
  });

  it("names a text field without maxLength and a list without maxItems (issue 11)", async () => {
    const file = "sections/basicInfo/basicInfo.schema.json";
    const messages = await broken(file, (schema) => {
      const properties = (schema as Obj).properties as Record<string, Obj>;
      delete properties.occupation!.maxLength;
      delete properties.education!.maxItems;
      return schema;
    });
    expect(messages).toEqual([
      {
        file,
        path: "/properties/occupation",
        message: 'a text field needs "maxLength" (the longest answer it accepts)',
      },
      {
        file,
        path: "/properties/education",
        message: 'a list needs "maxItems" (the most entries it accepts)',
      },
    ]);
  });

  it("names a catalog listed in the manifest whose file is missing", async () => {
    const copy = await copyEdition();
    cleanup = copy.remove;
    await rm(path.join(copy.dir, "catalogs/healthStatus.json"));
    const messages = await lintEdition(copy.dir);
    expect(messages).toContainEqual({
      file: "manifest.json",
      path: "/catalogs/2",
      message: 'catalog "healthStatus" is listed but catalogs/healthStatus.json is missing',
    });
    expect(messages).toContainEqual({
      file: "sections/basicInfo/basicInfo.schema.json",
      path: "/properties/healthStatus/x-catalog",
      message: 'catalog "healthStatus" is referenced but absent',
    });
  });

  it("names a uiSchema key that is not a field", async () => {
    const file = "sections/practice/practice.ui.json";
    const messages = await broken(file, (ui) => ({
      ...(ui as Obj),
      locaton: { "ui:widget": "text" },
      "ui:order": ["*", "nope"],
    }));
    expect(messages.map((m) => [m.file, m.path])).toEqual([
      [file, "/ui:order/1"],
      [file, "/locaton"],
    ]);
  });

  it("names a section folder that is not in the manifest", async () => {
    const copy = await copyEdition();
    cleanup = copy.remove;
    await mkdir(path.join(copy.dir, "sections/extra"));
    await writeFile(path.join(copy.dir, "sections/extra/extra.schema.json"), "{}");
    expect(await lintEdition(copy.dir)).toEqual([
      {
        file: "sections/extra",
        path: "",
        message: 'sections/extra is not listed in manifest.json "sections"',
      },
    ]);
  });

  it("names a manifest section whose files are missing, and a malformed manifest", async () => {
    const messages = await broken("manifest.json", (manifest) => {
      const sections = (manifest as { sections: Obj[] }).sections;
      sections.push({
        key: "missing",
        title: "x",
        requiredForSubmit: false,
        appliesWhen: { "==": [{ var: "answers.x" }, 1] },
      });
      return manifest;
    });
    expect(messages.map((m) => `${m.file} ${m.path}`)).toEqual([
      "sections/missing/missing.schema.json ",
      "sections/missing/missing.ui.json ",
      "sections/missing/missing.rules.json ",
      "manifest.json /sections/7/appliesWhen/==/0/var",
      "sections/missing/missing.schema.json ",
    ]);
    const malformed = await broken("manifest.json", (manifest) => ({
      ...(manifest as Obj),
      version: "2024",
    }));
    expect(malformed.map((m) => `${m.file} ${m.path}`)).toEqual(["manifest.json /version"]);
  });

  it("names an invalid schema, a field without title and a field that can be hidden but is required", async () => {
    const file = "sections/technique/technique.schema.json";
    const messages = await broken(file, (schema) => {
      const properties = (schema as Obj).properties as Record<string, Obj>;
      properties.servedLastFiveYears!.type = "integr";
      delete properties.method!.title;
      (schema as Obj).required = ["externalMedicine"];
      return schema;
    });
    expect(messages.map((m) => `${m.file} ${m.path}`)).toEqual([
      `${file} `,
      `${file} /properties/method`,
      "sections/technique/technique.rules.json /0/fields/0",
    ]);
  });

  it("names an example that behaves against its name", async () => {
    const file = "sections/technique/examples/valid-internal.json";
    const messages = await broken(file, (example) => {
      (example as { answers: Obj }).answers.servedLastFiveYears = -3;
      return example;
    });
    expect(messages).toEqual([{ file, path: "", message: "valid example has errors: servedLastFiveYears" }]);
  });

  it("names malformed rules, catalogs and examples with JSON Pointers", async () => {
    const rules = await broken("sections/expertise/expertise.rules.json", () => [
      { id: "x", effect: "hide", fields: ["cases"] },
    ]);
    expect(rules.map((m) => `${m.file} ${m.path}`)).toContain(
      "sections/expertise/expertise.rules.json /0/effect",
    );
    const catalog = await broken("catalogs/externalMedicine.json", (json) => ({
      ...(json as Obj),
      id: "other",
      items: [
        { value: "a", label: "A" },
        { value: "a", label: "B" },
      ],
    }));
    expect(catalog.map((m) => `${m.file} ${m.path}`)).toEqual([
      "catalogs/externalMedicine.json /id",
      "catalogs/externalMedicine.json /items/1/value",
    ]);
    const example = await broken("sections/technique/examples/valid-internal.json", (json) => ({
      ...(json as Obj),
      answer: {},
    }));
    expect(example.map((m) => `${m.file} ${m.path}`)).toEqual([
      "sections/technique/examples/valid-internal.json /answer",
    ]);
  });

  it("reports a missing or unreadable manifest", async () => {
    expect(await lintEdition(path.join(HUBEI_2024, "nope"))).toEqual([
      { file: "manifest.json", path: "", message: "file is missing" },
    ]);
    const copy = await copyEdition();
    cleanup = copy.remove;
    await writeFile(path.join(copy.dir, "manifest.json"), "{ not json");
    expect((await lintEdition(copy.dir))[0]).toMatchObject({
      file: "manifest.json",
      path: "",
      message: expect.stringMatching(/^invalid JSON/),
    });
  });

  it("names every binding that points nowhere and every text the platform cannot use (FORM-3, issue 8)", async () => {
    const messages = await broken("manifest.json", (json) => {
      const manifest = json as Obj & { bindings: Obj; texts: Record<string, string> };
      manifest.bindings = {
        ...manifest.bindings,
        teacherList: { section: "recommenders", field: "teacher" },
        evaluation: { form: "evaluation", notice: "noticeRaed", commitment: "commitment" },
        onsite: { form: "onsite", county: { var: "sections.practice.nowhere" }, province: "999999" },
        divisions: "divisions",
      };
      delete manifest.texts["product.apply"];
      manifest.texts["sms.invitationNotify"] = "请打开{url}";
      return manifest;
    });
    const lines = messages.map((m) => `${m.file} ${m.path}: ${m.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'manifest.json /bindings/teacherList/field: "teacher" is not a list field of "recommenders"',
        'manifest.json /bindings/evaluation/notice: "noticeRaed" is not a yes/no field of form "evaluation"',
        'manifest.json /bindings/onsite/province: "999999" is not a division of catalog "divisions"',
        'manifest.json /bindings/onsite/county/var: onsite county: names field "sections.practice.nowhere" that does not exist',
        'manifest.json /texts/product.apply: text "product.apply" (开始报名的按钮和页面标题) is missing',
        expect.stringMatching(/^manifest\.json \/texts\/sms\.invitationNotify: "\{url\}" is not filled in/),
        'manifest.json /texts/sms.invitationNotify: text "sms.invitationNotify" must contain {link}',
      ]),
    );
    expectChinese(messages);
  });

  it("refuses a text key the platform does not know and an identity fact that does not exist", async () => {
    const messages = await broken("manifest.json", (json) => {
      const manifest = json as Obj & { bindings: { identityPrefill: { fields: Obj } }; texts: Obj };
      manifest.texts["portal.slogan"] = "口号";
      manifest.bindings.identityPrefill.fields.name = "nickname";
      return manifest;
    });
    expect(messages.map((m) => m.path)).toEqual(
      expect.arrayContaining(["/texts", "/bindings/identityPrefill/fields/name"]),
    );
    expectChinese(messages);
  });
});
