/**
 * Which sections' rules read which other sections (`{"var": "sections.<key>…"}`), so a save of one section
 * re-checks only the sections whose state it can change instead of every section of the application.
 * The analysis over-approximates: a `var` whose path is computed, or that names all of `sections`, makes
 * its section depend on every section; a `var` inside `map`/`filter`/`all`… that happens to start with
 * `sections.` is counted although it reads the item. Both only cost re-checks, never a missed one.
 */
import { isObject } from "./paths.js";
import { findForm } from "./section.js";
import type { Edition, FormDefinition, Json } from "./types.js";

const readsCache = new WeakMap<FormDefinition, ReadonlySet<string> | "all">();

/**
 * Every section a form's rules read through `sections.…`, or "all" when that cannot be told; memoised per
 * form object (the presenter asks on every section read and save).
 */
function sectionReads(form: FormDefinition): ReadonlySet<string> | "all" {
  const cached = readsCache.get(form);
  if (cached !== undefined) return cached;
  const reads = walkReads(form);
  readsCache.set(form, reads);
  return reads;
}

function walkReads(form: FormDefinition): ReadonlySet<string> | "all" {
  const read = new Set<string>();
  let all = false;
  const visit = (logic: Json | undefined): void => {
    if (all || logic === undefined || logic === null) return;
    if (Array.isArray(logic)) {
      logic.forEach(visit);
      return;
    }
    if (!isObject(logic)) return;
    for (const [operator, args] of Object.entries(logic)) {
      if (operator === "var") {
        const path = Array.isArray(args) ? args[0] : args;
        if (typeof path === "number" || path === null || path === undefined) continue;
        if (typeof path !== "string") {
          all = true; // a computed path could name any section
          return;
        }
        if (path === "sections") all = true;
        else if (path.startsWith("sections.")) read.add(path.split(".")[1] ?? "");
        if (Array.isArray(args)) visit(args[1]);
        continue;
      }
      visit(args);
    }
  };
  for (const rule of form.rules) {
    visit(rule.when);
    visit(rule.assert);
    for (const logic of Object.values(rule.values ?? {})) visit(logic);
  }
  return all ? "all" : read;
}

/**
 * The other sections whose data the rules of form `key` read (the recommenders read the practice section),
 * so the browser can be given just those beside the form's own data; every other section when a path is
 * computed.
 */
export function sectionsReadBy(edition: Edition, key: string): string[] {
  const form = findForm(edition, key);
  const read = sectionReads(form);
  return edition.sections
    .map((section) => section.key)
    .filter((other) => other !== key && (read === "all" || read.has(other)));
}

const affectedCache = new WeakMap<Edition, Map<string, ReadonlySet<string>>>();

/**
 * The sections whose data or state a change of section `key` can change: `key` itself and, transitively,
 * every section whose rules read a section in that set (a cross-section rule can hide and so prune a
 * field, which another section may read in turn). Memoised per edition object.
 */
export function sectionsAffectedBy(edition: Edition, key: string): ReadonlySet<string> {
  let byKey = affectedCache.get(edition);
  if (byKey === undefined) {
    byKey = new Map();
    affectedCache.set(edition, byKey);
  }
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;

  const reads = new Map(edition.sections.map((section) => [section.key, sectionReads(section)]));
  const affected = new Set([key]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [reader, read] of reads) {
      if (affected.has(reader)) continue;
      if (read === "all" || [...read].some((section) => affected.has(section))) {
        affected.add(reader);
        grew = true;
      }
    }
  }
  byKey.set(key, affected);
  return affected;
}
