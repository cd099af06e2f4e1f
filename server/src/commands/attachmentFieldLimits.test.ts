import { editionDir, loadEdition } from "@shenbao/forms";
import { getAt, type Edition } from "@shenbao/rules";
import { beforeAll, describe, expect, it } from "vitest";
import { AttachmentFieldUnknownError } from "../errors.js";
import { attachmentFieldLimits } from "./attachmentFieldLimits.js";

let edition: Edition;

beforeAll(async () => {
  edition = await loadEdition(editionDir("hubei-2024"));
});

/** The `ui:options` the edition itself declares at a uiSchema path, to compare against. */
function declaredOptions(sectionKey: string, uiPath: string) {
  const section = edition.sections.find((candidate) => candidate.key === sectionKey)!;
  return getAt(section.uiSchema, `${uiPath}.ui:options`);
}

describe("attachmentFieldLimits", () => {
  it.each([
    ["basicInfo", "photo", "photo"],
    ["basicInfo", "education.0.diploma", "education.items.diploma"],
    ["expertise", "summary.materials", "summary.materials"],
    ["expertise", "summary.materials.3", "summary.materials"],
    ["practice", "patientRecommendations.9", "patientRecommendations"],
    ["credentials", "titleCertificates.1.file", "titleCertificates.items.file"],
    ["recommenders", "teachers.0.workProof", "teachers.items.workProof"],
  ])("reads the limits of %s / %s from the edition's uiSchema", (sectionKey, fieldPath, uiPath) => {
    const declared = declaredOptions(sectionKey, uiPath);

    expect(declared).toMatchObject({ accept: expect.any(Array), maxBytes: expect.any(Number) });
    expect(attachmentFieldLimits(edition, sectionKey, fieldPath)).toEqual(declared);
  });

  it.each([
    ["nowhere", "photo"],
    ["basicInfo", "nothing"],
    ["basicInfo", "name"],
    ["basicInfo", ""],
    ["basicInfo", "photo.0"],
    ["basicInfo", "education.diploma"],
    ["basicInfo", "education.x.diploma"],
    ["basicInfo", "__proto__"],
    ["basicInfo", "constructor"],
    ["expertise", "cases.2.name"],
    ["expertise", "cases"],
  ])("rejects %s / %j as no attachment field", (sectionKey, fieldPath) => {
    expect(() => attachmentFieldLimits(edition, sectionKey, fieldPath)).toThrow(AttachmentFieldUnknownError);
  });
});
