// @vitest-environment jsdom
import "./test/domPolyfills.js";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkSection, sectionHints, type Edition, type SectionData } from "@shenbao/rules";
import { catalogLabel, exampleAnswers, fieldTitle } from "./test/editionLabels.js";
import { hubeiEdition } from "./test/hubeiEdition.js";
import { renderEngine } from "./test/renderEngine.js";

let edition: Edition;
beforeAll(async () => {
  edition = await hubeiEdition();
});
afterEach(cleanup);

// Found by label text and selectors, not roles: role queries read computed styles, which jsdom computes
// over all of antd's injected CSS — far too slow on the larger sections.
const radio = (label: string) =>
  screen.getByLabelText<HTMLInputElement>(label, { selector: "input[type=radio]" });
const queryRadio = (label: string) => screen.queryByLabelText(label, { selector: "input[type=radio]" });
function saveButton(): HTMLElement {
  const button = document.querySelector<HTMLElement>(".sb-form-bar button");
  if (button === null) throw new Error("no save button");
  return button;
}
const status = () => document.querySelector(".sb-form-status")?.textContent;

describe("FormEngine — technique", () => {
  it("shows the external-medicine choice only while the external method is chosen", () => {
    renderEngine({ edition, sectionKey: "technique", candidateType: "apprentice" });
    const used = catalogLabel(edition, "externalMedicine", "used");
    expect(queryRadio(used)).toBeNull();

    fireEvent.click(radio(catalogLabel(edition, "techniqueMethods", "external")));
    expect(radio(used)).toBeTruthy();

    fireEvent.click(radio(catalogLabel(edition, "techniqueMethods", "internal")));
    expect(queryRadio(used)).toBeNull();
  });

  it("saves without the external-medicine answer once the internal method hides it", async () => {
    const { saved } = renderEngine({ edition, sectionKey: "technique", candidateType: "apprentice" });
    fireEvent.click(radio(catalogLabel(edition, "techniqueMethods", "external")));
    fireEvent.click(radio(catalogLabel(edition, "externalMedicine", "used")));
    fireEvent.click(radio(catalogLabel(edition, "techniqueMethods", "internal")));
    expect(status()).toBe("有未保存的修改");

    fireEvent.click(saveButton());

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({ method: "internal" });
    await waitFor(() => expect(status()).toMatch(/^已保存草稿/));
  });

  it("keeps the external-medicine answer when saved while it is shown", async () => {
    const { saved } = renderEngine({ edition, sectionKey: "technique", candidateType: "apprentice" });
    fireEvent.click(radio(catalogLabel(edition, "techniqueMethods", "external")));
    fireEvent.click(radio(catalogLabel(edition, "externalMedicine", "none")));
    fireEvent.click(saveButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({ method: "external", externalMedicine: "none" });
  });
});

describe("FormEngine — basicInfo", () => {
  it("shows the postcode message from checkSection after blur, not while typing", async () => {
    renderEngine({ edition, sectionKey: "basicInfo", candidateType: "apprentice" });
    const expected = checkSection(edition, "basicInfo", {
      candidateType: "apprentice",
      sections: { basicInfo: { postcode: "43001x" } },
    }).find((e) => e.path === "postcode")?.message;
    expect(expected).toMatch(/[\u4e00-\u9fff]/);
    const input = screen.getByLabelText(fieldTitle(edition, "basicInfo", "postcode"));

    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "4300" } });
    fireEvent.change(input, { target: { value: "43001x" } });
    expect(screen.queryByText(expected as string)).toBeNull();

    fireEvent.blur(input);
    expect(await screen.findByText(expected as string)).toBeTruthy();
    // Only the blurred field is checked: other empty required fields stay quiet until save.
    expect(document.querySelectorAll(".sb-form-item-error")).toHaveLength(1);

    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "430010" } });
    expect(screen.queryByText(expected as string)).toBeNull();
    fireEvent.blur(input);
    await waitFor(() => expect(document.querySelectorAll(".sb-form-item-error")).toHaveLength(0));
  });

  it("reports every error of the section on save", async () => {
    const { saved } = renderEngine({ edition, sectionKey: "basicInfo", candidateType: "apprentice" });
    fireEvent.click(saveButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    const expected = checkSection(edition, "basicInfo", {
      candidateType: "apprentice",
      sections: { basicInfo: {} },
    });
    expect(expected.length).toBeGreaterThan(5);
    for (const error of expected) expect(screen.getAllByText(error.message).length).toBeGreaterThan(0);
  });
});

describe("FormEngine — expertise", () => {
  it("renders five case records for an empty section", () => {
    const { container } = renderEngine({ edition, sectionKey: "expertise", candidateType: "practice" });
    const nameInputs = container.querySelectorAll('input[id^="root.cases."][id$=".name"]');
    expect(nameInputs).toHaveLength(5);
  });

  it("renders the five case records of the valid example with their data", () => {
    const answers = exampleAnswers(edition, "expertise", "valid-five-cases.json");
    const { container } = renderEngine({
      edition,
      sectionKey: "expertise",
      candidateType: "practice",
      answers,
    });
    const cases = answers.cases as { phone: string }[];
    expect(cases).toHaveLength(5);
    cases.forEach((record, index) => {
      const phone = container.querySelector<HTMLInputElement>(`[id="root.cases.${index}.phone"]`);
      expect(phone?.value).toBe(record.phone);
    });
  });
});

describe("FormEngine — read-only", () => {
  it("offers no save button and disables inputs", () => {
    const answers = exampleAnswers(edition, "expertise", "valid-five-cases.json");
    const { container } = renderEngine({ edition, sectionKey: "expertise", answers, readOnly: true });
    expect(document.querySelector(".sb-form-bar")).toBeNull();
    const phone = container.querySelector<HTMLInputElement>('[id="root.cases.0.phone"]');
    expect(phone?.disabled || phone?.readOnly).toBe(true);
  });
});

describe("FormEngine — unsaved changes", () => {
  it("asks before unload only while there are unsaved changes", async () => {
    const { saved } = renderEngine({ edition, sectionKey: "technique", candidateType: "apprentice" });
    const unload = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    fireEvent.click(radio(catalogLabel(edition, "techniqueMethods", "internal")));
    expect(unload()).toBe(true);
    await act(async () => {
      fireEvent.click(saveButton());
    });
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(unload()).toBe(false);
  });
});

describe("FormEngine — hints from the edition's rules", () => {
  const optionTitle = (value: boolean) => {
    const section = edition.sections.find((candidate) => candidate.key === "apprenticeship")!;
    const property = (
      section.schema.properties as Record<string, { oneOf: { const: unknown; title: string }[] }>
    ).hasCertificate!;
    return property.oneOf.find((option) => option.const === value)!.title;
  };
  const hintsFor = (answers: Record<string, unknown>) =>
    sectionHints(edition, "apprenticeship", {
      candidateType: "apprentice",
      sections: { apprenticeship: answers as SectionData },
    }).map((hint) => hint.message);

  it("shows how long the apprenticeship has run and follows a changed answer at once", async () => {
    const answers = {
      hasCertificate: false,
      certificateDate: "2022-01-01",
      period: { start: "2019-01-01", end: "2023-12-31" },
    };
    const [short] = hintsFor(answers);
    expect(short).toMatch(/[\u4e00-\u9fff]/);
    renderEngine({ edition, sectionKey: "apprenticeship", candidateType: "apprentice", answers });
    expect(screen.getByText(short!)).toBeTruthy();

    fireEvent.click(radio(optionTitle(true)));
    const [afterCertificate] = hintsFor({ ...answers, hasCertificate: true });
    expect(afterCertificate).not.toBe(short);
    expect(await screen.findByText(afterCertificate!)).toBeTruthy();
    expect(screen.queryByText(short!)).toBeNull();
  });
});

describe("FormEngine — typing", () => {
  it("saves what was typed a moment ago, before the box handed it over", async () => {
    const { saved } = renderEngine({ edition, sectionKey: "basicInfo", candidateType: "apprentice" });
    const input = screen.getByLabelText(fieldTitle(edition, "basicInfo", "postcode"));
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "430010" } });
    // The form knows at once that there is something to save.
    expect(status()).toBe("有未保存的修改");
    fireEvent.click(saveButton());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.postcode).toBe("430010");
  });

  it("keeps a number out of range as typed and says why on blur, instead of clamping it", async () => {
    const section = edition.sections.find((candidate) => candidate.key === "technique")!;
    const [name, property] = Object.entries(
      section.schema.properties as Record<string, { type?: string }>,
    ).find(([, schema]) => schema.type === "integer")!;
    renderEngine({ edition, sectionKey: "technique", candidateType: "apprentice" });
    const input = screen.getByLabelText<HTMLInputElement>(fieldTitle(edition, "technique", name));
    expect(property.type).toBe("integer");
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "-3" } });
    fireEvent.blur(input);
    const expected = checkSection(edition, "technique", {
      candidateType: "apprentice",
      sections: { technique: { [name]: -3 } },
    }).find((error) => error.path === name)?.message;
    expect(expected).toMatch(/[\u4e00-\u9fff]/);
    expect(await screen.findByText(expected!)).toBeTruthy();
    expect(input.value).toBe("-3");
  });
});
