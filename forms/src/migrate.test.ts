import { beforeAll, describe, expect, it } from "vitest";
import type { Edition } from "@shenbao/rules";
import { loadEdition } from "./loader.js";
import { migrateSection } from "./migrate.js";
import { filesSource } from "./source.js";
import { fixtureEditionFiles } from "../test/fixtureEdition.js";
import { HUBEI_2024 } from "../test/editionCopy.js";

let from: Edition;
let to: Edition;
beforeAll(async () => {
  from = await loadEdition(HUBEI_2024);
  to = await loadEdition(filesSource(await fixtureEditionFiles()));
});

const practiceAnswers = (data: Record<string, unknown>) => ({
  candidateType: "practice",
  sections: { practice: data as never },
});

describe("migrateSection (FORM-4)", () => {
  it("keeps what still fits and flags a relabelled field", () => {
    const data = { occupation: "中医", employer: "无" };
    const result = migrateSection(from, to, "basicInfo", data, { sections: { basicInfo: data } });
    expect(result.data).toEqual(data);
    expect(result.notes).toEqual([{ path: "occupation", change: "changed", label: "现从事主要职业" }]);
  });

  it("sets a removed option aside with its old label instead of dropping it", () => {
    const data = { evidenceKind: "certificate", siteName: "某诊所" };
    const result = migrateSection(from, to, "practice", data, practiceAnswers(data));
    expect(result.data).toEqual({ siteName: "某诊所" });
    expect(result.notes).toContainEqual({
      path: "evidenceKind",
      change: "invalid",
      label: "实践经历证明",
      value: "certificate",
    });
  });

  it("sets aside a field the new version no longer has, and a value of the wrong type", () => {
    const data = { siteName: 42, gone: "旧内容" } as Record<string, unknown>;
    const result = migrateSection(from, to, "practice", data as never, practiceAnswers(data));
    expect(result.data).toEqual({});
    expect(result.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "gone", change: "removed", value: "旧内容" }),
        expect.objectContaining({ path: "siteName", change: "invalid", value: 42 }),
      ]),
    );
  });

  it("announces a new field the candidate's type sees, not one hidden from it", () => {
    const forPractice = migrateSection(
      from,
      to,
      "technique",
      {},
      { candidateType: "practice", sections: {} },
    );
    expect(forPractice.notes).toContainEqual({
      path: "techniqueOrigin",
      change: "added",
      label: "技术方法来源说明",
    });
    const data = { techniqueOrigin: "祖传" };
    const forApprentice = migrateSection(from, to, "technique", data, {
      candidateType: "apprentice",
      sections: { technique: data },
    });
    // The new rule hides it for 师承 candidates: whatever was there is set aside, not silently pruned.
    expect(forApprentice.data).toEqual({});
    expect(forApprentice.notes).toContainEqual(
      expect.objectContaining({ path: "techniqueOrigin", change: "removed", value: "祖传" }),
    );
  });

  it("changes nothing between an edition and itself", () => {
    const data = { occupation: "中医" };
    expect(migrateSection(from, from, "basicInfo", data, { sections: { basicInfo: data } })).toEqual({
      data,
      notes: [],
    });
  });
});
