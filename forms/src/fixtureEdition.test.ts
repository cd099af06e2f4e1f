// Issue 8: next year's edition needs no TypeScript. The fixture hubei-2024@2024.2.0 is built only by a JSON
// Patch over the shipped files; it lints, and the diff names exactly the four kinds of change it makes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Edition } from "@shenbao/rules";
import { diffEditions } from "./diff.js";
import { lintEdition } from "./lint.js";
import { loadEdition } from "./loader.js";
import { filesSource, type EditionFiles } from "./source.js";
import { FIXTURE_PATCH, fixtureEditionFiles, patchEditionFiles } from "../test/fixtureEdition.js";
import { HUBEI_2024 } from "../test/editionCopy.js";

let files: EditionFiles;
let before: Edition;
let after: Edition;
beforeAll(async () => {
  files = await fixtureEditionFiles();
  before = await loadEdition(HUBEI_2024);
  after = await loadEdition(filesSource(files));
});

describe("the 2024.2.0 fixture edition", () => {
  it("is made of JSON files only, by a patch that touches no TypeScript", () => {
    expect(Object.keys(FIXTURE_PATCH.files).every((file) => file.endsWith(".json"))).toBe(true);
    expect(Object.keys(files).every((file) => /\.(json|md)$/.test(file))).toBe(true);
    expect(after.version).toBe("2024.2.0");
  });

  it("lints without a problem", async () => {
    expect(await lintEdition(filesSource(files))).toEqual([]);
  });

  it("differs by a renamed label, a new optional field with a rule, a removed option and a changed date rule", () => {
    const changes = diffEditions(before, after);
    const at = (kind: string, form: string, path: string) =>
      changes.find((c) => c.kind === kind && c.form === form && c.path === path);
    expect(at("field", "basicInfo", "occupation")?.details).toEqual([
      { what: "title", before: "现从事主要职业", after: "现从事的主要职业（岗位）" },
    ]);
    expect(at("field", "technique", "techniqueOrigin")?.change).toBe("added");
    expect(at("rule", "technique", "origin-for-practice")?.change).toBe("added");
    const options = at("field", "practice", "evidenceKind")?.details?.find((d) => d.what === "options");
    expect((options?.before as string[]).length - (options?.after as string[]).length).toBe(1);
    expect(at("rule", "apprenticeship", "two-years-after-certificate")?.details?.map((d) => d.what)).toEqual([
      "assert",
      "message",
    ]);
  });

  it("refuses a patch whose test operation no longer matches", () => {
    const patch = {
      files: { "manifest.json": [{ op: "test" as const, path: "/version", value: "1999.1.0" }] },
    };
    expect(() => patchEditionFiles(files, patch)).toThrow();
  });
});
