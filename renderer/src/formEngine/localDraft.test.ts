// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { clearAllDrafts, clearDraft, draftDiffers, draftKey, readDraft, writeDraft } from "./localDraft.js";

afterEach(() => localStorage.clear());

describe("local section drafts (issue 11)", () => {
  it("keeps a draft per application and section, and forgets it on clear", () => {
    writeDraft("app1", "cases", { note: "第一例" }, 4);
    writeDraft("app2", "cases", { note: "另一份申请" }, 1);
    expect(readDraft("app1", "cases")).toMatchObject({ data: { note: "第一例" }, rev: 4 });
    expect(readDraft("app1", "other")).toBeUndefined();
    expect(readDraft("app2", "cases")?.data).toEqual({ note: "另一份申请" });
    clearDraft("app1", "cases");
    expect(readDraft("app1", "cases")).toBeUndefined();
    expect(readDraft("app2", "cases")).toBeDefined();
  });

  it("ignores what is not a draft and tells whether a draft changes the saved data", () => {
    localStorage.setItem(draftKey("app1", "cases"), "not json");
    expect(readDraft("app1", "cases")).toBeUndefined();
    writeDraft("app1", "cases", { note: "a" }, 1);
    expect(draftDiffers(readDraft("app1", "cases"), { note: "a" })).toBe(false);
    expect(draftDiffers(readDraft("app1", "cases"), { note: "b" })).toBe(true);
  });

  it("forgets every draft, and nothing else, on sign-out", () => {
    writeDraft("app1", "cases", { note: "a" }, 1);
    writeDraft("app2", "basic", { note: "b" }, 1);
    localStorage.setItem("other", "kept");
    clearAllDrafts();
    expect(readDraft("app1", "cases")).toBeUndefined();
    expect(readDraft("app2", "basic")).toBeUndefined();
    expect(localStorage.getItem("other")).toBe("kept");
  });
});
