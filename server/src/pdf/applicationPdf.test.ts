import { editionDir, loadEdition } from "@shenbao/forms";
import {
  findCatalogItem,
  getAt,
  sectionApplies,
  type Edition,
  type Json,
  type SectionData,
} from "@shenbao/rules";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApplicationDoc } from "../store/collections.js";
import { pdfText, readStream, squeeze } from "../../test/pdfText.js";
import { renderApplicationPdf, type PdfAttachment } from "./applicationPdf.js";

let edition: Edition;

beforeAll(async () => {
  edition = await loadEdition(editionDir("hubei-2024"));
});

/** One of the edition's own whole-application examples, as a stored application's fields. */
function exampleApplication(file: string): {
  application: ApplicationDoc;
  sections: Record<string, SectionData>;
} {
  const example = edition.examples.find((candidate) => candidate.file === `examples/${file}`);
  if (!example) throw new Error(`no example ${file}`);
  const data = example.data as {
    candidateType: "apprentice" | "practice";
    sections: Record<string, SectionData>;
  };
  const application: ApplicationDoc = {
    userId: "user-1",
    editionKey: edition.key,
    editionVersion: edition.version,
    candidateType: data.candidateType,
    status: "submitted",
    submittedAt: Date.UTC(2024, 5, 1, 2),
    sections: Object.fromEntries(
      Object.entries(data.sections).map(([key, sectionData]) => [
        key,
        { data: sectionData, state: "complete" as const, updatedAt: 0 },
      ]),
    ),
  };
  return { application, sections: data.sections };
}

/** Every attachment id in the answers, as `name (size)` metadata rows named after the id. */
function attachmentsOf(sections: Record<string, SectionData>): PdfAttachment[] {
  const ids = new Set<string>();
  const walk = (value: Json) => {
    if (typeof value === "string" && value.startsWith("att_")) ids.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  Object.values(sections).forEach(walk);
  return [...ids].map((id, index) => ({ _id: id, name: `${id}.pdf`, size: 2048 * (index + 1) }));
}

async function render(file: string, name = "张三", pictures?: { id: string; bytes: Buffer }[]) {
  const { application, sections } = exampleApplication(file);
  const pdf = await readStream(
    renderApplicationPdf({
      edition,
      application,
      identitySummary: { name, idNumberMasked: "4201**********123X" },
      attachments: attachmentsOf(sections),
      ...(pictures ? { pictures } : {}),
    }),
  );
  return { pdf, text: squeeze(await pdfText(pdf)), application, sections };
}

describe("renderApplicationPdf", () => {
  it("draws a valid PDF with the title, every applicable section title and page numbers", async () => {
    const { pdf, text, application } = await render("valid-practice-application.json");

    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toMatch(/%%EOF\s*$/);
    expect(text).toContain(squeeze(`${edition.title}申请表`));
    const answers = { candidateType: application.candidateType ?? undefined };
    const applicable = edition.sections.filter((section) => sectionApplies(edition, section.key, answers));
    expect(applicable.length).toBeLessThan(edition.sections.length);
    for (const section of applicable) expect(text).toContain(squeeze(section.title));
    const pages = text.match(/第(\d+)页\/共(\d+)页/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toBe(`第1页/共${pages.length}页`);
  });

  it("prints answers as the edition words them: option titles, catalog labels, division paths, date ranges", async () => {
    const { text, sections } = await render("valid-practice-application.json");
    const at = (section: string, path: string) => getAt(sections[section], path);
    const basicInfo = edition.sections.find((section) => section.key === "basicInfo")!;
    const genderOptions = getAt(basicInfo.schema, "properties.gender.oneOf") as {
      const: string;
      title: string;
    }[];

    expect(text).toContain(squeeze(String(at("basicInfo", "occupation"))));
    expect(text).toContain(genderOptions.find((option) => option.const === at("basicInfo", "gender"))!.title);
    expect(text).not.toContain(`：${String(at("basicInfo", "gender"))}`);
    const ethnicity = findCatalogItem(edition.catalogs.ethnicities!, String(at("basicInfo", "ethnicity")))!;
    expect(text).toContain(ethnicity.at(-1)!.label);
    const division = findCatalogItem(
      edition.catalogs.divisions!,
      String(at("practice", "location.division")),
    )!;
    expect(division).toHaveLength(3);
    expect(text).toContain(squeeze(division.map((item) => item.label).join(" ")));
    expect(text).toContain(
      `${String(at("practice", "period.start"))}至${String(at("practice", "period.end"))}`,
    );
    expect(text).toContain(squeeze(String(at("expertise", "cases.4.diagnosis"))));
    expect(text).toContain(squeeze(String(at("expertise", "cases.4.name"))));
  });

  it("numbers the five case records as sub-blocks titled by the edition", async () => {
    const { text } = await render("valid-practice-application.json");
    const expertise = edition.sections.find((section) => section.key === "expertise")!;
    const itemTitle = String(getAt(expertise.schema, "properties.cases.items.title"));

    for (let n = 1; n <= 5; n += 1) expect(text).toContain(`${itemTitle}${n}`);
    expect(text).not.toContain(`${itemTitle}6`);
  });

  it("lists attachments by name and size", async () => {
    const { text } = await render("valid-practice-application.json");

    expect(text).toContain("att_photo_0001.pdf（2KB）");
    expect(text).toMatch(/att_material_0001\.pdf（\d+KB）/);
  });

  it("prints a picture attachment (the photo) as the image, not as a file name", async () => {
    // A 1×1 PNG; pdfkit re-encodes it as an image XObject.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const without = await render("valid-practice-application.json");
    const withPhoto = await render("valid-practice-application.json", "张三", [
      { id: "att_photo_0001", bytes: png },
    ]);
    expect(without.pdf.toString("latin1")).not.toContain("/Subtype /Image");
    expect(withPhoto.pdf.toString("latin1")).toContain("/Subtype /Image");
    expect(withPhoto.text).not.toContain("att_photo_0001.pdf");
  });

  it("leaves out sections that do not apply, hidden-widget fields and pruned branches", async () => {
    const { text, sections } = await render("valid-practice-application.json");

    // The practice example carries leftover apprenticeship data; that section does not apply to it.
    expect(text).not.toContain(squeeze(String(getAt(sections.apprenticeship, "siteName"))));
    expect(text).not.toContain(String(getAt(sections.recommenders, "teachers.0.registryId")));
  });

  it("embeds a glyph beyond GB2312 from a name as text", async () => {
    const { text } = await render("valid-apprentice-application.json", "王堃");

    expect(text).toContain("王堃");
  });

  it("keeps 𠮷 (CJK Extension B, beyond Noto Sans SC) in a name, drawn with the fallback face (issue 11)", async () => {
    const { text } = await render("valid-apprentice-application.json", "𠮷田𠮷");

    expect(text).toContain("𠮷田𠮷");
  });

  it("takes well under a second for a full application once the font is loaded", async () => {
    await render("valid-apprentice-application.json");
    const { application, sections } = exampleApplication("valid-practice-application.json");

    const started = performance.now();
    await readStream(
      renderApplicationPdf({
        edition,
        application,
        identitySummary: { name: "张三", idNumberMasked: "4201**********123X" },
        attachments: attachmentsOf(sections),
      }),
    );

    expect(performance.now() - started).toBeLessThan(700);
  });
});
