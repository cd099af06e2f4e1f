import { editionDir, loadEdition } from "@shenbao/forms";
import type { SectionData } from "@shenbao/rules";
import { beforeAll, describe, expect, it } from "vitest";
import type { Edition } from "@shenbao/rules";
import { EDITION_KEY, validApplicationAnswers } from "../../test/factories.js";
import type { SectionRecord } from "../store/collections.js";
import { settleSections } from "./applicationSections.js";

let edition: Edition;
beforeAll(async () => {
  edition = await loadEdition(editionDir(EDITION_KEY));
});

const records = (sections: Record<string, SectionData | undefined>): Record<string, SectionRecord> =>
  Object.fromEntries(
    Object.entries(sections).flatMap(([key, data]) =>
      data === undefined ? [] : [[key, { data, state: "incomplete" as const, updatedAt: 1 }]],
    ),
  );

describe("settleSections after a save of one section (issue 12)", () => {
  it("gives what a full settle gives, for every section and every example of it, both candidate types", () => {
    let compared = 0;
    for (const candidateType of ["apprentice", "practice"] as const) {
      const settled = settleSections(
        edition,
        candidateType,
        records(validApplicationAnswers(edition, candidateType).sections),
      );
      for (const section of edition.sections) {
        if (settled[section.key] === undefined) continue;
        // The section's own examples, valid and invalid, and an emptied section: answers that hide,
        // require and break fields other sections' rules read.
        const variants = [
          ...section.examples.map((example) => (example.data as { answers: SectionData }).answers),
          {},
        ];
        for (const variant of variants) {
          const changed = {
            ...settled,
            [section.key]: { ...settled[section.key]!, data: structuredClone(variant) as SectionData },
          };
          const incremental = settleSections(edition, candidateType, structuredClone(changed), section.key);
          expect(incremental, `${candidateType} ${section.key}`).toEqual(
            settleSections(edition, candidateType, structuredClone(changed)),
          );
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it("re-checks a section that reads the saved one (the teacher list reads the practice section)", () => {
    const readers = edition.sections.filter((section) =>
      JSON.stringify(section.rules).includes('"sections.'),
    );
    // The shipped edition has cross-section rules; without them this test would prove nothing.
    expect(readers.length).toBeGreaterThan(0);
    const settled = settleSections(
      edition,
      "practice",
      records(validApplicationAnswers(edition, "practice").sections),
    );
    for (const reader of readers) {
      const read = [...JSON.stringify(reader.rules).matchAll(/"sections\.([A-Za-z]+)/g)].map((m) => m[1]!);
      for (const key of read) {
        if (settled[key] === undefined || settled[reader.key] === undefined) continue;
        const emptied = { ...settled, [key]: { ...settled[key]!, data: {} } };
        const stale = { ...emptied, [reader.key]: { ...emptied[reader.key]!, state: "stale" as never } };
        expect(settleSections(edition, "practice", stale, key)[reader.key]?.state).not.toBe("stale");
      }
    }
  });
});
