import { describe, expect, it } from "vitest";
import { HUBEI_2024 } from "../test/editionCopy.js";
import { EditionLoadError, loadEdition } from "./loader.js";
import { editionDir } from "./paths.js";

describe("loadEdition", () => {
  it("returns the typed hubei-2024 edition with sections in manifest order", async () => {
    const edition = await loadEdition(editionDir("hubei-2024"));
    expect(`${edition.key}@${edition.version}`).toBe("hubei-2024@2024.1.0");
    expect(edition.sections.map((s) => s.key)).toEqual([
      "basicInfo",
      "technique",
      "apprenticeship",
      "practice",
      "expertise",
      "credentials",
      "recommenders",
    ]);
    expect(edition.sections.filter((s) => !s.requiredForSubmit).map((s) => s.key)).toEqual(["credentials"]);
    expect(edition.forms.map((f) => f.key)).toEqual(["evaluation", "onsite"]);
    expect(Object.keys(edition.catalogs)).toHaveLength(10);
  });

  it("throws an error that lists where the edition is broken", async () => {
    const error = await loadEdition(`${HUBEI_2024}/sections`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditionLoadError);
    expect((error as EditionLoadError).problems).toEqual([
      { file: "manifest.json", path: "", message: "file is missing" },
    ]);
  });
});
