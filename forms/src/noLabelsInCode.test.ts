// Issue 8 / FORM-1: the edition is the single owner of its structure and wording. No TypeScript outside tests
// in rules/, forms/, server/ or renderer/ may spell an edition's key, section or form key, or its wording: field
// titles and option labels, section and form titles, candidate types, rule messages, help texts and the
// manifest's texts — of every edition shipped in forms/editions/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Edition } from "@shenbao/rules";
import { loadEdition } from "./loader.js";
import { shippedEditionDirs } from "./paths.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["rules/src", "forms/src", "server/src", "renderer/src"];

// Two- and three-character titles (姓名, 性别, 老师, 邀请 …) are everyday words that platform wording shares
// with any form; from four characters on a title is the edition's own phrase.
const MIN_FIELD_LABEL = 4;
const CJK = /[\u4e00-\u9fff]/g;
const cjkLength = (text: string) => text.match(CJK)?.length ?? 0;

/** Strings of the edition's schemas and uiSchemas that users read: titles, labels, descriptions, help. */
function collectWording(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectWording(item, into);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    const wording = ["title", "label", "description", "message", "ui:title", "ui:help", "ui:description"];
    if (wording.includes(key) && typeof value === "string") {
      if (cjkLength(value) >= MIN_FIELD_LABEL) into.add(value);
    } else collectWording(value, into);
  }
}

/** Everything of `edition` that no source file may spell. */
function editionWording(edition: Edition): { phrases: Set<string>; keys: Set<string> } {
  const phrases = new Set<string>();
  for (const form of [...edition.sections, ...edition.forms]) {
    collectWording(form.schema, phrases);
    collectWording(form.uiSchema, phrases);
    collectWording(form.rules, phrases);
    // Section and form titles are the edition's names whatever their length.
    phrases.add(form.title);
  }
  for (const group of edition.sections.map((section) => section.group)) if (group) phrases.add(group);
  for (const type of edition.candidateTypes) phrases.add(type.label);
  phrases.add(edition.title);
  for (const text of Object.values(edition.texts ?? {})) phrases.add(text);
  const keys = new Set([
    edition.key,
    ...edition.sections.map((s) => s.key),
    ...edition.forms.map((f) => f.key),
  ]);
  return { phrases, keys };
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name === "test" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

describe("editions own their structure and wording", () => {
  it("finds no edition key, section or form key, or edition wording in the TypeScript outside tests", async () => {
    const editions = await Promise.all(shippedEditionDirs().map((dir) => loadEdition(dir)));
    expect(editions.length).toBeGreaterThan(0);
    const phrases = new Set<string>();
    const keys = new Set<string>();
    for (const edition of editions) {
      const wording = editionWording(edition);
      wording.phrases.forEach((phrase) => phrases.add(phrase));
      wording.keys.forEach((key) => keys.add(key));
    }
    // Guard against a collector that silently finds nothing.
    expect(phrases.size).toBeGreaterThan(100);
    const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);

    const hits: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const where = path.relative(ROOT, file);
      for (const phrase of phrases) if (text.includes(phrase)) hits.push(`${where}: ${phrase}`);
      // Keys as string literals ("recommenders", 'hubei-2024', `basicInfo`): code reads them from bindings.
      for (const key of keys) {
        if (new RegExp(`["'\`]${key.replace(/[-]/g, "\\-")}["'\`]`).test(text))
          hits.push(`${where}: "${key}"`);
      }
    }
    expect(hits).toEqual([]);
  });

  it("would catch a section title, a long field label and a section key written in code", async () => {
    const [edition] = await Promise.all(shippedEditionDirs().map((dir) => loadEdition(dir)));
    const { phrases, keys } = editionWording(edition!);
    const section = edition!.sections[0]!;
    expect(phrases.has(section.title)).toBe(true);
    expect(keys.has(section.key)).toBe(true);
    expect([...phrases].some((phrase) => cjkLength(phrase) >= 8)).toBe(true);
  });
});
