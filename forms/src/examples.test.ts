import { beforeAll, describe, expect, it } from "vitest";
import type { Edition, ExampleFile } from "@shenbao/rules";
import { HUBEI_2024 } from "../test/editionCopy.js";
import { verifyApplicationExample, verifyExamples, verifyFormExample } from "./examples.js";
import { loadEdition } from "./loader.js";

let edition: Edition;
beforeAll(async () => {
  edition = await loadEdition(HUBEI_2024);
});

describe("hubei-2024 example answers", () => {
  it("every valid-* example has no errors and every invalid-* has exactly the listed ones", () => {
    const results = verifyExamples(edition);
    expect(results.length).toBeGreaterThan(50);
    expect(results.flatMap((result) => result.problems)).toEqual([]);
  });

  it("proves every section and form both ways", () => {
    for (const form of [...edition.sections, ...edition.forms]) {
      const kinds = new Set(form.examples.map((example) => example.kind));
      expect([form.key, [...kinds].sort()]).toEqual([form.key, ["invalid", "valid"]]);
    }
    expect(new Set(edition.examples.map((example) => example.kind))).toEqual(new Set(["valid", "invalid"]));
  });

  // The branches of issue 3, each with the example files that prove it on both sides.
  const branches: [string, string, string][] = [
    [
      "candidate type → applicable sections",
      "examples/valid-practice-application.json",
      "examples/invalid-apprentice-missing-sections.json",
    ],
    [
      "candidate type → recommender counts",
      "recommenders/examples/valid-practice-before-2017.json",
      "recommenders/examples/invalid-apprentice-without-supervisor.json",
    ],
    [
      "external technique → external medicine",
      "technique/examples/valid-external-without-medicine.json",
      "technique/examples/invalid-external-without-choice.json",
    ],
    [
      "internal technique drops external medicine",
      "technique/examples/valid-internal-drops-external-medicine.json",
      "technique/examples/invalid-external-without-choice.json",
    ],
    [
      "with certificate → 2 further years",
      "apprenticeship/examples/valid-with-certificate.json",
      "apprenticeship/examples/invalid-certificate-under-two-years.json",
    ],
    [
      "without certificate → 5 years",
      "apprenticeship/examples/valid-without-certificate.json",
      "apprenticeship/examples/invalid-without-certificate-under-five-years.json",
    ],
    [
      "practice after 2017-07-01 → guidance form + county",
      "practice/examples/valid-after-2017.json",
      "practice/examples/invalid-reaching-2017-07-01-without-guidance.json",
    ],
    [
      "practice after 2017-07-01 → supervisor",
      "recommenders/examples/valid-practice-after-2017.json",
      "recommenders/examples/invalid-practice-after-2017-without-supervisor.json",
    ],
    [
      "evidence: five-year proof",
      "practice/examples/valid-before-2017.json",
      "practice/examples/invalid-five-year-evidence-missing-file.json",
    ],
    [
      "evidence: 10 patient recommendations",
      "practice/examples/valid-after-2017.json",
      "practice/examples/invalid-nine-patient-recommendations.json",
    ],
    [
      "evidence: certificate",
      "practice/examples/valid-certificate-evidence.json",
      "practice/examples/invalid-certificate-evidence-missing-file.json",
    ],
    [
      "exactly 5 complete case records",
      "expertise/examples/valid-five-cases.json",
      "expertise/examples/invalid-six-cases.json",
    ],
    [
      "credential with file → issue date and issuer",
      "credentials/examples/valid-with-file-and-issue-details.json",
      "credentials/examples/invalid-file-without-issue-details.json",
    ],
    [
      "no study experience replaces the list",
      "basicInfo/examples/valid-no-study-experience.json",
      "basicInfo/examples/invalid-no-study-without-explanation.json",
    ],
  ];

  it.each(branches)("proves the branch %s both ways", (_branch, valid, invalid) => {
    const all = [...edition.sections, ...edition.forms]
      .flatMap((form) => form.examples)
      .concat(edition.examples);
    const find = (name: string) => all.find((example) => example.file.endsWith(name));
    expect(find(valid)?.kind).toBe("valid");
    expect(find(invalid)?.kind).toBe("invalid");
  });

  it("detects an example whose answers do not behave as its name says", () => {
    const technique = edition.sections.find((section) => section.key === "technique");
    const invalid = technique?.examples.find((example) =>
      example.file.endsWith("invalid-external-without-choice.json"),
    );
    expect(invalid).toBeDefined();
    const renamed: ExampleFile = { ...(invalid as ExampleFile), kind: "valid" };
    expect(verifyFormExample(edition, technique!, renamed)).toEqual([
      { file: renamed.file, path: "", message: "valid example has errors: externalMedicine" },
    ]);
    const wrongExpect: ExampleFile = {
      ...(invalid as ExampleFile),
      data: { ...(invalid!.data as object), expect: { errors: ["method"] } },
    };
    expect(verifyFormExample(edition, technique!, wrongExpect)[0]?.message).toMatch(
      /expected but absent: method; unexpected: externalMedicine/,
    );
  });

  it("detects expect.pruned / hidden / shown claims that do not hold", () => {
    const technique = edition.sections.find((section) => section.key === "technique")!;
    const example: ExampleFile = {
      file: "x/valid-claims.json",
      kind: "valid",
      data: {
        answers: {
          diseaseCategory: "nk-kesou",
          method: "internal",
          medicalTechnique: "herbal-oral",
          servedLastFiveYears: 1,
        },
        expect: { pruned: ["externalMedicine"], hidden: ["method"], shown: ["externalMedicine"] },
      },
    };
    expect(verifyFormExample(edition, technique, example).map((problem) => problem.path)).toEqual([
      "/expect/pruned/0",
      "/expect/hidden/0",
      "/expect/shown/0",
    ]);
  });

  it("rejects an example for a section that does not apply to its candidate type", () => {
    const practice = edition.sections.find((section) => section.key === "practice")!;
    const example: ExampleFile = {
      file: "p/valid-x.json",
      kind: "valid",
      data: { candidateType: "apprentice", answers: {} },
    };
    expect(verifyFormExample(edition, practice, example)[0]?.path).toBe("/candidateType");
  });

  it("requires invalid examples to name their expected errors, and to have some", () => {
    const application: ExampleFile = {
      file: "examples/invalid-x.json",
      kind: "invalid",
      data: { sections: {} },
    };
    expect(verifyApplicationExample(edition, application)[0]?.path).toBe("/expect");
    const complete = edition.examples.find((example) => example.kind === "valid")!;
    const claimed = {
      ...complete,
      kind: "invalid" as const,
      data: { ...(complete.data as object), expect: { blockers: [] } },
    };
    expect(verifyApplicationExample(edition, claimed)[0]?.message).toMatch(/has no blockers/);
  });
});
