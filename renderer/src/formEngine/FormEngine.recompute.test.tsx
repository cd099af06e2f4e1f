// @vitest-environment jsdom
import "./test/domPolyfills.js";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as rules from "@shenbao/rules";

type Rules = typeof rules;
import { fieldTitle } from "./test/editionLabels.js";
import { hubeiEdition } from "./test/hubeiEdition.js";
import { renderEngine } from "./test/renderEngine.js";

vi.mock("@shenbao/rules", async (importOriginal) => {
  const actual = await importOriginal<Rules>();
  return {
    ...actual,
    effectiveSection: vi.fn(actual.effectiveSection),
    checkSection: vi.fn(actual.checkSection),
  };
});

afterEach(cleanup);

describe("FormEngine — work per keystroke", () => {
  it("neither validates nor recomputes the schema while typing, but recomputes when a rule's answer changes", async () => {
    const edition = await hubeiEdition();
    renderEngine({ edition, sectionKey: "basicInfo", candidateType: "apprentice" });
    const effective = vi.mocked(rules.effectiveSection);
    const check = vi.mocked(rules.checkSection);
    const afterMount = effective.mock.calls.length;
    check.mockClear();

    const input = screen.getByLabelText(fieldTitle(edition, "basicInfo", "postcode"));
    fireEvent.focus(input);
    for (const value of ["4", "43", "430", "4300", "43001", "430010"])
      fireEvent.change(input, { target: { value } });
    expect(effective.mock.calls.length).toBe(afterMount);
    expect(check).not.toHaveBeenCalled();

    // hasStudyExperience drives two show rules: choosing it must recompute the effective schema.
    const [withStudy] = screen.getAllByLabelText(/.+/, { selector: 'input[name="root.hasStudyExperience"]' });
    fireEvent.click(withStudy as HTMLElement);
    expect(effective.mock.calls.length).toBe(afterMount + 1);
    expect(check).not.toHaveBeenCalled();
  });
});
