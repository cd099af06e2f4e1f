// @vitest-environment jsdom
import "./test/domPolyfills.js";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { SectionData } from "@shenbao/rules";
import { createMemoryAttachmentClient } from "./memoryAttachmentClient.js";
import { SectionReadView } from "./SectionReadView.js";
import { hubeiEdition } from "./test/hubeiEdition.js";
import { chineseNumber } from "./templates/chineseNumber.js";

afterEach(cleanup);

type Node = Record<string, unknown>;
const EXAMPLE = "sections/expertise/examples/valid-five-cases.json";

describe("SectionReadView", () => {
  it("shows the five case records as numbered cards with option labels and no controls", async () => {
    const edition = await hubeiEdition();
    const section = edition.sections.find((candidate) => candidate.key === "expertise")!;
    const example = section.examples.find((candidate) => candidate.file === EXAMPLE)!;
    const answers = (example.data as { answers: SectionData }).answers;
    const cases = (section.schema.properties as Node).cases as Node;
    const itemSchema = cases.items as Node;
    const itemTitle = itemSchema.title as string;
    render(
      <SectionReadView
        edition={edition}
        sectionKey="expertise"
        candidateType="apprentice"
        answers={answers}
        attachmentClient={createMemoryAttachmentClient()}
      />,
    );
    for (let n = 1; n <= 5; n += 1)
      expect(screen.getByRole("heading", { name: `${itemTitle}${chineseNumber(n)}` })).toBeTruthy();
    // A choice is shown by its option title, never by its stored value.
    const gender = (itemSchema.properties as Node).gender as { oneOf: { const: string; title: string }[] };
    const first = ((answers.cases as Node[])[0] as Node).gender;
    const label = gender.oneOf.find((option) => option.const === first)!.title;
    expect(screen.getAllByText(label).length).toBeGreaterThan(0);
    expect(document.querySelectorAll("button, input, textarea")).toHaveLength(0);
  });
});
