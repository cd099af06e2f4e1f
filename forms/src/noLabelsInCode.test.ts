// Issue 3 / FORM-1: no section field, option list or branch condition is written in TypeScript. Every field
// title and option label of the edition is collected from its JSON, and no TypeScript source of rules/,
// server/ or renderer/ may contain one.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEdition } from "./loader.js";
import { HUBEI_2024 } from "../test/editionCopy.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

function collectLabels(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectLabels(item, into);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    // Field titles and option titles (oneOf const/title) of schemas; labels of candidate types.
    if (
      (key === "title" || key === "label") &&
      typeof value === "string" &&
      /[\u4e00-\u9fff]{2,}/.test(value)
    ) {
      into.add(value);
    } else {
      collectLabels(value, into);
    }
  }
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

describe("edition labels stay in the edition", () => {
  it("finds no field title or option label of hubei-2024 in the TypeScript of rules/, server/ and renderer/", async () => {
    const edition = await loadEdition(HUBEI_2024);
    const labels = new Set<string>();
    for (const section of edition.sections) collectLabels(section.schema, labels);
    for (const form of edition.forms) collectLabels(form.schema, labels);
    collectLabels(edition.candidateTypes, labels);
    // Guard against a collector that silently finds nothing.
    expect(labels.size).toBeGreaterThan(100);

    const hits: string[] = [];
    for (const workspace of ["rules", "server", "renderer"]) {
      for (const file of sourceFiles(path.join(ROOT, workspace))) {
        const text = readFileSync(file, "utf8");
        for (const label of labels) {
          if (text.includes(label)) hits.push(`${path.relative(ROOT, file)}: ${label}`);
        }
      }
    }
    expect(hits).toEqual([]);
  });
});
