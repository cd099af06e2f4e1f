import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyEdition, HUBEI_2024 } from "../test/editionCopy.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "forms/src/cli.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "shenbao-cli-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("forms CLI", () => {
  it("lint exits 0 for hubei-2024 and 1 naming file and path for a broken copy", async () => {
    expect(cli("lint", "forms/editions/hubei-2024")).toMatchObject({ code: 0, out: "edition ok\n" });
    const copy = await copyEdition();
    try {
      await copy.edit("sections/practice/practice.rules.json", (rules) => {
        (rules as { fields: string[] }[])[0]!.fields = ["guidanceForm", "onsiteCounty"];
        return rules;
      });
      const result = cli("lint", copy.dir);
      expect(result.code).toBe(1);
      expect(result.err).toContain("sections/practice/practice.rules.json /0/fields/1:");
    } finally {
      await copy.remove();
    }
  });

  it("check prints section states, errors and blockers and exits 0 either way", () => {
    const blocked = cli(
      "check",
      "forms/editions/hubei-2024",
      "forms/editions/hubei-2024/examples/invalid-practice-after-2017-cross-section.json",
    );
    expect(blocked.code).toBe(0);
    const report = JSON.parse(blocked.out) as {
      canSubmit: boolean;
      sections: Record<string, { applies: boolean; state?: string; errors?: unknown[] }>;
      blockers: { section: string; path: string }[];
    };
    expect(report.canSubmit).toBe(false);
    expect(report.sections.apprenticeship).toEqual({ applies: false });
    expect(report.sections.practice).toEqual({ applies: true, state: "complete", errors: [] });
    expect(report.sections.recommenders?.state).toBe("incomplete");
    expect(report.blockers.map((b) => `${b.section}:${b.path}`)).toContain("recommenders:teachers");
    const ok = cli("check", HUBEI_2024, path.join(HUBEI_2024, "examples/valid-apprentice-application.json"));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ canSubmit: true, blockers: [] });
  });

  it("check exits 2 on bad input", async () => {
    const notJson = path.join(scratch, "bad.json");
    await writeFile(notJson, "{");
    const noSections = path.join(scratch, "no-sections.json");
    await writeFile(noSections, JSON.stringify({ candidateType: "apprentice" }));
    const unknown = path.join(scratch, "unknown.json");
    await writeFile(unknown, JSON.stringify({ sections: { basics: {} } }));
    for (const file of [notJson, noSections, unknown, path.join(scratch, "absent.json")]) {
      expect(cli("check", HUBEI_2024, file).code).toBe(2);
    }
    expect(cli("check", scratch, notJson).code).toBe(2);
    expect(cli("frobnicate").code).toBe(2);
  });

  it("diff prints the changes between two editions as JSON", async () => {
    const copy = await copyEdition();
    try {
      await copy.edit("sections/technique/technique.rules.json", (rules) => (rules as unknown[]).slice(1));
      const result = cli("diff", HUBEI_2024, copy.dir);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toEqual({
        from: "hubei-2024@2024.1.0",
        to: "hubei-2024@2024.1.0",
        changes: [
          { kind: "rule", change: "removed", form: "technique", path: "external-medicine-when-external" },
        ],
      });
      const text = cli("diff", HUBEI_2024, copy.dir, "--text");
      expect(text.out).toBe(
        "hubei-2024@2024.1.0 → hubei-2024@2024.1.0: 1 change(s)\n- rule technique.external-medicine-when-external\n",
      );
    } finally {
      await copy.remove();
    }
  });

  it("new copies an edition under a new key with the next year's version and title, and never overwrites", async () => {
    const out = path.join(scratch, "next-year");
    const result = cli("new", "hubei-2025", "--from", HUBEI_2024, "--out", out);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("created hubei-2025@2025.1.0");
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as {
      key: string;
      version: string;
      title: string;
    };
    expect([manifest.key, manifest.version]).toEqual(["hubei-2025", "2025.1.0"]);
    expect(manifest.title.startsWith("2025年")).toBe(true);
    expect(cli("lint", out).code).toBe(0);
    const again = cli("new", "hubei-2025", "--from", HUBEI_2024, "--out", out);
    expect(again.code).toBe(2);
    expect(again.err).toContain("is not empty");
    expect(cli("new", "Bad Key", "--from", HUBEI_2024, "--out", path.join(scratch, "bad")).code).toBe(2);
  });
});
