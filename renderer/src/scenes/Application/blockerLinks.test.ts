// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import type { Edition } from "@shenbao/rules";
import { focusFieldByPath } from "../Section/focusField.js";
import { blockerHref, blockerText } from "./blockerLinks.js";

afterEach(() => {
  document.body.innerHTML = "";
});

describe("blockerHref", () => {
  it("links a field blocker to its section with the field path in the fragment", () => {
    expect(blockerHref({ section: "expertise", path: "cases.2.phone", message: "m" })).toBe(
      "/apply/sections/expertise#cases.2.phone",
    );
  });

  it("links a whole-section blocker to the section and a type blocker to the type choice", () => {
    expect(blockerHref({ section: "recommenders", path: "", message: "m" })).toBe(
      "/apply/sections/recommenders",
    );
    expect(blockerHref({ section: "", path: "candidateType", message: "m" })).toBe("/apply#candidateType");
  });

  it("prefixes the message with the section title the edition gives", () => {
    const edition = { sections: [{ key: "technique", title: "T-title" }] } as unknown as Edition;
    expect(blockerText({ section: "technique", path: "method", message: "请选择" }, edition)).toBe(
      "T-title：请选择",
    );
    expect(blockerText({ section: "", path: "candidateType", message: "请选择" }, edition)).toBe("请选择");
  });
});

describe("focusFieldByPath", () => {
  it("focuses the field a blocker names", () => {
    document.body.innerHTML = '<input id="root.cases.2.phone"><input id="root.cases.2.name">';
    expect(focusFieldByPath("cases.2.phone")).toBe(true);
    expect(document.activeElement?.id).toBe("root.cases.2.phone");
  });

  it("falls back to the nearest rendered ancestor and its first control", () => {
    document.body.innerHTML = '<fieldset id="root.cases"><input id="root.cases.0.name"></fieldset>';
    expect(focusFieldByPath("cases.7.phone")).toBe(true);
    expect(document.activeElement?.id).toBe("root.cases.0.name");
    expect(focusFieldByPath("missing.path")).toBe(false);
  });
});
