import { describe, expect, it } from "vitest";
import { copiedIdentity, copyEditionFiles, EditionCopyError } from "./copy.js";

const manifest = { key: "hubei-2024", version: "2024.1.0", title: "2024年湖北省某项考核报名" };

describe("copiedIdentity", () => {
  it("moves a new key to its year's first version and the title's year with it", () => {
    expect(copiedIdentity(manifest, { key: "hubei-2025" })).toEqual({
      key: "hubei-2025",
      version: "2025.1.0",
      title: "2025年湖北省某项考核报名",
    });
  });

  it("gives the same key the next minor version and keeps the title", () => {
    expect(copiedIdentity(manifest, {})).toEqual({ ...manifest, version: "2024.2.0" });
  });

  it("takes an explicit version and title, and refuses malformed ones", () => {
    expect(copiedIdentity(manifest, { version: "2024.1.1", title: "更正" })).toEqual({
      key: "hubei-2024",
      version: "2024.1.1",
      title: "更正",
    });
    expect(() => copiedIdentity(manifest, { version: "next" })).toThrow(EditionCopyError);
    expect(() => copiedIdentity(manifest, { key: "Hubei 2025" })).toThrow(EditionCopyError);
  });
});

describe("copyEditionFiles", () => {
  it("rewrites only the manifest's key, version and title", () => {
    const files = {
      "manifest.json": JSON.stringify({ ...manifest, sections: [] }),
      "sections/a/a.schema.json": "{}",
    };
    const copied = copyEditionFiles(files, { key: "hubei-2025" });
    expect(JSON.parse(copied["manifest.json"]!)).toEqual({
      key: "hubei-2025",
      version: "2025.1.0",
      title: "2025年湖北省某项考核报名",
      sections: [],
    });
    expect(copied["sections/a/a.schema.json"]).toBe("{}");
    expect(() => copyEditionFiles({}, {})).toThrow(EditionCopyError);
  });
});
