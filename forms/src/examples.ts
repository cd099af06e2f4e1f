/**
 * Example answers prove an edition behaves as its authors say: a `valid-*` file has no errors, an
 * `invalid-*` file has exactly the error paths it lists, and `expect` may also name fields that must
 * be pruned, hidden or shown. The linter and the tests run every example through here.
 */
import {
  applicationBlockers,
  checkSection,
  effectiveSection,
  getAt,
  pruneHidden,
  schemaAt,
  sectionApplies,
  type Answers,
  type Edition,
  type ExampleFile,
  type FormDefinition,
  type SectionData,
} from "@shenbao/rules";
import type { LintMessage } from "./messages.js";

interface FormExample {
  candidateType?: string;
  sections?: Record<string, SectionData>;
  answers: SectionData;
  expect?: { errors?: string[]; pruned?: string[]; hidden?: string[]; shown?: string[] };
}

interface ApplicationExample {
  candidateType?: string;
  sections: Record<string, SectionData>;
  expect?: { blockers?: string[] };
}

/** The answers of a section or form example: its other sections plus its own data. */
export function formExampleAnswers(form: FormDefinition, example: ExampleFile): Answers {
  const data = example.data as unknown as FormExample;
  const answers: Answers = { sections: { ...data.sections, [form.key]: data.answers } };
  if (data.candidateType !== undefined) answers.candidateType = data.candidateType;
  return answers;
}

/** The answers of a whole-application example. */
export function applicationExampleAnswers(example: ExampleFile): Answers {
  const data = example.data as unknown as ApplicationExample;
  const answers: Answers = { sections: { ...data.sections } };
  if (data.candidateType !== undefined) answers.candidateType = data.candidateType;
  return answers;
}

const list = (paths: Iterable<string>) => [...paths].map((p) => (p === "" ? '""' : p)).join(", ");

function compare(
  file: string,
  kind: ExampleFile["kind"],
  actual: string[],
  expected: string[] | undefined,
  what: string,
): LintMessage[] {
  const got = new Set(actual);
  if (kind === "valid") {
    return got.size === 0 ? [] : [{ file, path: "", message: `valid example has ${what}: ${list(got)}` }];
  }
  if (expected === undefined) {
    return [{ file, path: "/expect", message: `invalid example must list the expected ${what} in expect` }];
  }
  if (got.size === 0) return [{ file, path: "", message: `invalid example has no ${what}` }];
  const want = new Set(expected);
  const missing = [...want].filter((p) => !got.has(p));
  const unexpected = [...got].filter((p) => !want.has(p));
  if (missing.length === 0 && unexpected.length === 0) return [];
  const parts = [
    missing.length > 0 ? `expected but absent: ${list(missing)}` : "",
    unexpected.length > 0 ? `unexpected: ${list(unexpected)}` : "",
  ];
  return [
    { file, path: "/expect", message: `${what} differ from expect (${parts.filter(Boolean).join("; ")})` },
  ];
}

/** Problems of one section or form example; empty when it behaves as its file name says. */
export function verifyFormExample(
  edition: Edition,
  form: FormDefinition,
  example: ExampleFile,
): LintMessage[] {
  const data = example.data as unknown as FormExample;
  const answers = formExampleAnswers(form, example);
  const problems: LintMessage[] = [];
  if (!sectionApplies(edition, form.key, answers)) {
    return [
      {
        file: example.file,
        path: "/candidateType",
        message: `section ${form.key} does not apply to this candidate type`,
      },
    ];
  }
  const errors = checkSection(edition, form.key, answers).map((error) => error.path);
  problems.push(...compare(example.file, example.kind, errors, data.expect?.errors, "errors"));
  const pruned = pruneHidden(edition, form.key, answers);
  for (const [index, path] of (data.expect?.pruned ?? []).entries()) {
    if (getAt(data.answers, path) === undefined || getAt(pruned, path) !== undefined) {
      problems.push({
        file: example.file,
        path: `/expect/pruned/${index}`,
        message: `"${path}" is not given and then pruned`,
      });
    }
  }
  const { schema } = effectiveSection(edition, form.key, answers);
  for (const [index, path] of (data.expect?.hidden ?? []).entries()) {
    if (schemaAt(schema, path) !== undefined) {
      problems.push({
        file: example.file,
        path: `/expect/hidden/${index}`,
        message: `"${path}" is still in the effective schema`,
      });
    }
  }
  for (const [index, path] of (data.expect?.shown ?? []).entries()) {
    if (schemaAt(schema, path) === undefined) {
      problems.push({
        file: example.file,
        path: `/expect/shown/${index}`,
        message: `"${path}" is not in the effective schema`,
      });
    }
  }
  return problems;
}

/** Problems of one whole-application example; blockers are compared as `section:path`. */
export function verifyApplicationExample(edition: Edition, example: ExampleFile): LintMessage[] {
  const data = example.data as unknown as ApplicationExample;
  const blockers = applicationBlockers(edition, applicationExampleAnswers(example)).map(
    (b) => `${b.section}:${b.path}`,
  );
  return compare(example.file, example.kind, blockers, data.expect?.blockers, "blockers");
}

/** Every example of the edition with the problems it has (none when it behaves as named). */
export function verifyExamples(edition: Edition): { example: ExampleFile; problems: LintMessage[] }[] {
  const results: { example: ExampleFile; problems: LintMessage[] }[] = [];
  for (const form of [...edition.sections, ...edition.forms]) {
    for (const example of form.examples)
      results.push({ example, problems: verifyFormExample(edition, form, example) });
  }
  for (const example of edition.examples)
    results.push({ example, problems: verifyApplicationExample(edition, example) });
  return results;
}
