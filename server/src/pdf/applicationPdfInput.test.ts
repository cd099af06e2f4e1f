import { editionDir, loadEdition } from "@shenbao/forms";
import { describe, expect, it } from "vitest";
import { pictureFields } from "./applicationPdfInput.js";

describe("pictureFields", () => {
  it("finds the single-file images-only attachment fields of an edition's uiSchema", async () => {
    const edition = await loadEdition(editionDir("hubei-2024"));
    const found = Object.fromEntries(
      edition.sections.map((section) => [section.key, pictureFields(section.uiSchema)] as const),
    );
    // The photo accepts JPEG/PNG only, one file; diplomas also take PDF and case materials many files.
    expect(found.basicInfo).toEqual(["photo"]);
    expect(found.expertise).toEqual([]);
  });

  it("skips attachment fields that take several files or other types", () => {
    const ui = {
      a: { "ui:widget": "attachment", "ui:options": { accept: ["image/png"], maxCount: 2 } },
      b: {
        "ui:widget": "attachment",
        "ui:options": { accept: ["image/png", "application/pdf"], maxCount: 1 },
      },
      group: { c: { "ui:widget": "attachment", "ui:options": { accept: ["image/jpeg"], maxCount: 1 } } },
    };
    expect(pictureFields(ui)).toEqual(["group.c"]);
  });
});
