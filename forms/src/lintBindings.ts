/**
 * Linting what an edition tells the platform's code (FORM-3): every binding names a section, field, form or
 * catalog that exists and has the shape the platform needs, and every text the platform reads is present
 * with only the placeholders it fills. A broken binding would otherwise surface as a failing teacher page
 * or a wrong on-site county long after publishing.
 */
import {
  EDITION_TEXTS,
  fieldWithWidget,
  findCatalogItem,
  schemaAt,
  teacherRoles,
  type Edition,
  type EditionTextSpec,
  type Json,
  type JsonSchema,
} from "@shenbao/rules";
import { lintLogic } from "./lintLogic.js";
import type { LintMessage } from "./messages.js";

const FILE = "manifest.json";

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reports every problem of the manifest's `bindings` and `texts` of `edition`. */
export function lintBindings(edition: Edition, report: (message: LintMessage) => void): void {
  const say = (path: string, message: string) => report({ file: FILE, path, message });
  const bindings = edition.bindings ?? {};
  const section = (key: string) => edition.sections.find((candidate) => candidate.key === key);
  const form = (key: string) => edition.forms.find((candidate) => candidate.key === key);

  const prefill = bindings.identityPrefill;
  if (prefill !== undefined) {
    const target = section(prefill.section);
    if (target === undefined)
      say("/bindings/identityPrefill/section", `section "${prefill.section}" does not exist`);
    else {
      for (const field of Object.keys(prefill.fields)) {
        const at = `/bindings/identityPrefill/fields/${field}`;
        const ui = target.uiSchema[field];
        if (!isObject(target.schema.properties) || !isObject(target.schema.properties[field]))
          say(at, `field "${field}" is not a top-level field of "${prefill.section}"`);
        else if (!isObject(ui) || ui["ui:readonly"] !== true)
          say(at, `field "${field}" comes from the identity, so its uiSchema needs "ui:readonly": true`);
      }
    }
  }

  const teachers = bindings.teacherList;
  if (teachers !== undefined) {
    const target = section(teachers.section);
    const list = target && schemaAt(target.schema, teachers.field);
    if (target === undefined)
      say("/bindings/teacherList/section", `section "${teachers.section}" does not exist`);
    else if (list === undefined || list.type !== "array" || !isObject(list.items))
      say("/bindings/teacherList/field", `"${teachers.field}" is not a list field of "${teachers.section}"`);
    else {
      const item = list.items as JsonSchema;
      for (const needed of ["role", "registryId", "name"]) {
        if (schemaAt(item, needed) === undefined)
          say("/bindings/teacherList/field", `teacher list items need a "${needed}" field`);
      }
      const role = schemaAt(item, "role");
      if (role !== undefined && !Array.isArray(role.oneOf))
        say("/bindings/teacherList/field", 'the teacher "role" field lists its roles as "oneOf" const/title');
      const ui = target.uiSchema[teachers.field];
      if (!isObject(ui) || ui["ui:field"] !== "teacherList")
        say(
          "/bindings/teacherList/field",
          `"${teachers.field}" needs "ui:field": "teacherList" in its uiSchema`,
        );
    }
  }

  const evaluation = bindings.evaluation;
  if (evaluation !== undefined) {
    const target = form(evaluation.form);
    if (target === undefined) say("/bindings/evaluation/form", `form "${evaluation.form}" does not exist`);
    else {
      for (const step of ["notice", "commitment"] as const) {
        const field = evaluation[step];
        if (field === undefined) continue;
        const schema = isObject(target.schema.properties) ? target.schema.properties[field] : undefined;
        if (!isObject(schema) || schema.type !== "boolean")
          say(
            `/bindings/evaluation/${step}`,
            `"${field}" is not a yes/no field of form "${evaluation.form}"`,
          );
      }
      if (fieldWithWidget(target, "signature") === undefined)
        say(
          "/bindings/evaluation/form",
          `form "${evaluation.form}" has no field with "ui:widget": "signature"`,
        );
    }
    if (teachers === undefined) say("/bindings/evaluation", "an evaluation form needs a teacherList binding");
  }

  const onsite = bindings.onsite;
  if (onsite !== undefined) {
    if (onsite.form !== undefined && form(onsite.form) === undefined)
      say("/bindings/onsite/form", `form "${onsite.form}" does not exist`);
    if (onsite.bureaus !== undefined && edition.catalogs[onsite.bureaus] === undefined)
      say("/bindings/onsite/bureaus", `catalog "${onsite.bureaus}" is not listed`);
    const divisions = bindings.divisions === undefined ? undefined : edition.catalogs[bindings.divisions];
    if (
      onsite.province !== undefined &&
      divisions !== undefined &&
      !findCatalogItem(divisions, onsite.province)
    )
      say(
        "/bindings/onsite/province",
        `"${onsite.province}" is not a division of catalog "${bindings.divisions}"`,
      );
    const resolve = (path: string): JsonSchema | undefined => {
      if (path === "candidateType") return {};
      const [root, key, ...rest] = path.split(".");
      const target = root === "sections" && key !== undefined ? section(key) : undefined;
      return target && (rest.length === 0 ? target.schema : schemaAt(target.schema, rest.join(".")));
    };
    const onsiteForm = onsite.form === undefined ? undefined : form(onsite.form);
    if (onsite.passed !== undefined && onsiteForm === undefined)
      say("/bindings/onsite/passed", "a pass rule needs the onsite form");
    else if (onsiteForm !== undefined) {
      const resolveAnswer = (path: string): JsonSchema | undefined => {
        const [root, ...rest] = path.split(".");
        return root === "answers" && rest.length > 0
          ? schemaAt(onsiteForm.schema, rest.join("."))
          : undefined;
      };
      lintLogic(
        onsite.passed,
        "/bindings/onsite/passed",
        (path) => resolveAnswer(path) !== undefined,
        resolveAnswer,
        (path, message) => say(path, `onsite pass rule: ${message}`),
      );
    }
    lintLogic(
      onsite.county,
      "/bindings/onsite/county",
      (path) => resolve(path) !== undefined,
      resolve,
      (path, message) => say(path, `onsite county: ${message}`),
    );
  }

  if (bindings.divisions !== undefined && edition.catalogs[bindings.divisions] === undefined)
    say("/bindings/divisions", `catalog "${bindings.divisions}" is not listed`);

  const roles = new Set(teacherRoles(edition).map((role) => role.value));
  (bindings.reviewChecks ?? []).forEach((check, i) => {
    const named = check.kind === "teacherLoad" ? [check.role] : check.roles;
    if (teachers === undefined)
      say(`/bindings/reviewChecks/${i}`, "review checks need a teacherList binding");
    else
      for (const role of named)
        if (!roles.has(role))
          say(`/bindings/reviewChecks/${i}`, `"${role}" is not a role of the teacher list`);
  });
  (bindings.publicList ?? []).forEach((column, i) => {
    const at = `/bindings/publicList/${i}`;
    if (column.catalog !== undefined && edition.catalogs[column.catalog] === undefined)
      say(`${at}/catalog`, `catalog "${column.catalog}" is not listed`);
    const resolve = (path: string): JsonSchema | undefined => {
      if (path === "candidateType") return {};
      const [root, key, ...rest] = path.split(".");
      const target = root === "sections" && key !== undefined ? section(key) : undefined;
      return target && (rest.length === 0 ? target.schema : schemaAt(target.schema, rest.join(".")));
    };
    lintLogic(
      column.value,
      `${at}/value`,
      (path) => resolve(path) !== undefined,
      resolve,
      (path, message) => say(path, `public list: ${message}`),
    );
  });

  const needs = new Set<EditionTextSpec["needs"]>(["always"]);
  if (teachers !== undefined) needs.add("teacherList");
  if (onsite?.bureaus !== undefined) needs.add("onsiteBureaus");
  lintTexts(edition, needs, say);
}

function lintTexts(
  edition: Edition,
  needs: ReadonlySet<EditionTextSpec["needs"]>,
  say: (path: string, message: string) => void,
): void {
  const texts = edition.texts ?? {};
  for (const [key, spec] of Object.entries(EDITION_TEXTS) as [string, EditionTextSpec][]) {
    const text = texts[key];
    const at = `/texts/${key}`;
    if (text === undefined) {
      if (needs.has(spec.needs)) say(at, `text "${key}" (${spec.description}) is missing`);
      continue;
    }
    const used = [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
    for (const name of used) {
      if (!(spec.placeholders ?? []).includes(name))
        say(at, `"{${name}}" is not filled in by the platform here; it fills only ${placeholderList(spec)}`);
    }
    for (const name of spec.required ?? []) {
      if (!used.includes(name)) say(at, `text "${key}" must contain {${name}}`);
    }
  }
}

function placeholderList(spec: EditionTextSpec): string {
  const names = spec.placeholders ?? [];
  return names.length === 0 ? "nothing" : names.map((name) => `{${name}}`).join(" ");
}
