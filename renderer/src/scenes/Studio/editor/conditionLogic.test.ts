// The condition builder's json-logic round trip (#9, FORM-5): what it can express it writes back exactly,
// what it cannot is left for the raw editor, never rewritten.
import { beforeAll, describe, expect, it } from "vitest";
import { editionDir, readEditionFiles, type EditionFiles } from "@shenbao/forms";
import { conditionFields, listRules, type ConditionField } from "@shenbao/forms/studio";
import { holds, type Logic, type Rule } from "@shenbao/rules";
import { logicToQuery, queryToLogic } from "./conditionLogic.js";

let files: EditionFiles;
beforeAll(async () => {
  files = await readEditionFiles(editionDir("hubei-2024"));
});

const forms = () =>
  Object.keys(files)
    .filter((file) => file.endsWith(".rules.json"))
    .sort();

describe("condition builder logic", () => {
  it("parses every shipped condition it can express into a query that writes it back unchanged", () => {
    let expressed = 0;
    const raw: string[] = [];
    for (const file of forms()) {
      for (const rule of listRules(files, file) as Rule[]) {
        const fields = conditionFields(files, file, rule.each);
        for (const logic of [rule.when, rule.assert].filter((l): l is Logic => l !== undefined)) {
          const query = logicToQuery(logic, fields);
          if (query === undefined) raw.push(JSON.stringify(logic));
          else {
            expressed++;
            // `{"!!": [x]}` comes back as `{"!!": x}` (see the next test); everything else exactly.
            expect(JSON.stringify(queryToLogic(query, fields))).toBe(
              JSON.stringify(logic).replace(/\{"(!!?)":\[(\{"var":"[^"]+"\})\]\}/g, '{"$1":$2}'),
            );
          }
        }
      }
    }
    // Every shipped condition opens in the builder (the refusals are tested below).
    expect(expressed).toBeGreaterThan(40);
    expect(raw).toEqual([]);
  });

  it('reads `{"!!": [x]}` as 已填写 and writes the one-argument form json-logic reads alike', () => {
    const fields = conditionFields(files, "forms/onsite");
    const logic: Logic = {
      or: [
        { "!!": [{ var: "sections.credentials.titleCertificates" }] },
        { "!": [{ var: "sections.credentials.otherMaterials" }] },
      ],
    };
    const query = logicToQuery(logic, fields);
    expect(query?.rules).toEqual([
      { field: "sections.credentials.titleCertificates", operator: "filled", value: "" },
      { field: "sections.credentials.otherMaterials", operator: "empty", value: "" },
    ]);
    const back = queryToLogic(query!, fields)!;
    expect(back).toEqual({
      or: [
        { "!!": { var: "sections.credentials.titleCertificates" } },
        { "!": { var: "sections.credentials.otherMaterials" } },
      ],
    });
    for (const titleCertificates of [[], ["a"]])
      for (const otherMaterials of [[], ["b"]]) {
        const data = { sections: { credentials: { titleCertificates, otherMaterials } } };
        expect(holds(back, data)).toBe(holds(logic, data));
      }
  });

  it("reads a date against another date plus years (addYears) both ways, and writes it back", () => {
    const fields = conditionFields(files, "sections/apprenticeship");
    const later = { addYears: [{ var: "answers.certificateDate" }, 2] };
    const notBefore: Logic = { onOrAfter: [{ var: "answers.period.end" }, later] };
    const notAfter: Logic = { onOrAfter: [later, { var: "answers.period.end" }] };
    const query = logicToQuery({ and: [notBefore, notAfter] }, fields);
    expect(query?.rules).toEqual([
      { field: "answers.period.end", operator: "onOrAfterYears", value: "answers.certificateDate,2" },
      { field: "answers.period.end", operator: "onOrBeforeYears", value: "answers.certificateDate,2" },
    ]);
    expect(queryToLogic(query!, fields)).toEqual({ and: [notBefore, notAfter] });
    const changed = queryToLogic(
      {
        combinator: "and",
        rules: [
          { field: "answers.period.end", operator: "onOrAfterYears", value: "answers.certificateDate,3" },
        ],
      },
      fields,
    );
    expect(changed).toEqual({
      onOrAfter: [{ var: "answers.period.end" }, { addYears: [{ var: "answers.certificateDate" }, 3] }],
    });
    const answers = (end: string) => ({ answers: { certificateDate: "2020-03-01", period: { end } } });
    expect(holds(changed, answers("2023-03-01"))).toBe(true);
    expect(holds(changed, answers("2023-02-28"))).toBe(false);
    // Anything else inside addYears stays raw JSON.
    expect(
      logicToQuery({ onOrAfter: [{ var: "answers.period.end" }, { addYears: ["2020-01-01", 2] }] }, fields),
    ).toBeUndefined();
  });

  it("reads candidate type, yes/no and custom operators into rules of the builder", () => {
    const fields = conditionFields(files, "sections/technique");
    const query = logicToQuery(
      {
        and: [
          { "==": [{ var: "candidateType" }, "practice"] },
          { overlaps: [{ var: "sections.practice.period" }, "2017-07-01", null] },
          { "!!": { var: "sections.apprenticeship.certificate" } },
          { "==": [{ var: "sections.apprenticeship.hasCertificate" }, true] },
          { onOrAfter: [{ var: "sections.practice.period.end" }, "2017-07-01"] },
          {
            "<": [
              {
                yearsBetween: [
                  { var: "sections.practice.period.start" },
                  { var: "sections.practice.period.end" },
                ],
              },
              5,
            ],
          },
        ],
      },
      fields,
    );
    expect(query?.rules).toEqual([
      { field: "candidateType", operator: "=", value: "practice" },
      { field: "sections.practice.period", operator: "overlaps", value: "2017-07-01," },
      { field: "sections.apprenticeship.certificate", operator: "filled", value: "" },
      expect.objectContaining({
        field: "sections.apprenticeship.hasCertificate",
        operator: "=",
        value: "true",
      }),
      { field: "sections.practice.period.end", operator: "onOrAfter", value: "2017-07-01" },
      {
        field: "sections.practice.period.start",
        operator: "yearsLt",
        value: "sections.practice.period.end,5",
      },
    ]);
  });

  it("writes typed json-logic from the builder's strings", () => {
    const fields: ConditionField[] = conditionFields(files, "sections/apprenticeship");
    expect(
      queryToLogic(
        {
          combinator: "or",
          rules: [
            { field: "answers.hasCertificate", operator: "=", value: "false" },
            { field: "candidateType", operator: "in", value: "apprentice,practice" },
            { field: "answers.continuedProof", operator: "countGte", value: "2" },
          ],
        },
        fields,
      ),
    ).toEqual({
      or: [
        { "==": [{ var: "answers.hasCertificate" }, false] },
        { in: [{ var: "candidateType" }, ["apprentice", "practice"]] },
        { ">=": [{ count: { var: "answers.continuedProof" } }, 2] },
      ],
    });
    expect(queryToLogic({ combinator: "and", rules: [] }, fields)).toBeUndefined();
    expect(
      queryToLogic(
        {
          combinator: "and",
          rules: [{ field: "answers.period.start", operator: "yearsGte", value: "answers.period.end,5" }],
        },
        fields,
      ),
    ).toEqual({
      ">=": [{ yearsBetween: [{ var: "answers.period.start" }, { var: "answers.period.end" }] }, 5],
    });
  });

  it("reads counts of a list's items by an item field, and unique item values, and writes them back", () => {
    const fields = conditionFields(files, "sections/recommenders");
    const supervisors = (n: number): Logic => ({
      "<=": [
        { count: { filter: [{ var: "answers.teachers" }, { "==": [{ var: "role" }, "supervisor"] }] } },
        n,
      ],
    });
    const distinct: Logic = { unique: { map: [{ var: "answers.teachers" }, { var: "registryId" }] } };
    const query = logicToQuery({ and: [supervisors(1), distinct] }, fields);
    expect(query?.rules).toEqual([
      { field: "answers.teachers", operator: "countWhereLte", value: "role,1,supervisor" },
      { field: "answers.teachers", operator: "uniqueBy", value: "registryId" },
    ]);
    expect(queryToLogic(query!, fields)).toEqual({ and: [supervisors(1), distinct] });
    const changed = queryToLogic(
      {
        combinator: "and",
        rules: [{ field: "answers.teachers", operator: "countWhereLte", value: "role,2,supervisor" }],
      },
      fields,
    )!;
    expect(changed).toEqual(supervisors(2));
    const teachers = (...roles: string[]) => ({
      answers: { teachers: roles.map((role, i) => ({ role, registryId: `r${i}` })) },
    });
    expect(holds(changed, teachers("supervisor", "recommender", "supervisor"))).toBe(true);
    expect(holds(changed, teachers("supervisor", "supervisor", "supervisor"))).toBe(false);
    expect(holds(distinct, teachers("supervisor", "recommender"))).toBe(true);
  });

  it("refuses what it cannot write back: unknown fields, other item logic, arithmetic", () => {
    const fields = conditionFields(files, "sections/recommenders");
    const teachers = { var: "answers.teachers" };
    const sameAsName = { "==": [{ var: "role" }, { var: "name" }] };
    expect(
      logicToQuery({ "==": [{ count: { filter: [teachers, sameAsName] } }, 2] }, fields),
    ).toBeUndefined();
    expect(
      logicToQuery(
        { "==": [{ count: { filter: [teachers, { "!=": [{ var: "role" }, "x"] }] } }, 2] },
        fields,
      ),
    ).toBeUndefined();
    expect(logicToQuery({ unique: { map: [teachers, { cat: [{ var: "name" }] }] } }, fields)).toBeUndefined();
    expect(logicToQuery({ "==": [{ var: "answers.nope" }, 1] }, fields)).toBeUndefined();
    expect(logicToQuery({ "<": [{ "+": [{ var: "answers.a" }, 1] }, 5] }, fields)).toBeUndefined();
  });
});
