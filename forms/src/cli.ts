/**
 * `npm run forms -- lint <edition dir>` | `check <edition dir> <answers.json>` | `diff <dir a> <dir b>`.
 * lint exits 1 when the edition has problems; check prints section states, errors and blockers as
 * JSON and exits 0 whether or not the application could be submitted; 2 means bad input.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  applicationBlockers,
  checkSection,
  sectionApplies,
  sectionState,
  type Answers,
  type SectionData,
} from "@shenbao/rules";
import { diffEditions } from "./diff.js";
import { lintEdition } from "./lint.js";
import { EditionLoadError, loadEdition } from "./loader.js";
import { formatLintMessage } from "./messages.js";

const USAGE = `usage:
  npm run forms -- lint <edition dir>
  npm run forms -- check <edition dir> <answers.json>
  npm run forms -- diff <edition dir> <edition dir>`;

/** Bad command-line input: printed to stderr, exit code 2. */
class UsageError extends Error {}

/** Output streams and the directory relative paths are resolved against. */
export interface CliIo {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

function parseAnswers(value: unknown): Answers {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new UsageError("answers must be a JSON object");
  const { candidateType, sections } = value as { candidateType?: unknown; sections?: unknown };
  if (candidateType !== undefined && typeof candidateType !== "string")
    throw new UsageError('"candidateType" must be a string');
  if (typeof sections !== "object" || sections === null || Array.isArray(sections)) {
    throw new UsageError('answers need "sections": { "<key>": { … } }');
  }
  const answers: Answers = { sections: sections as Record<string, SectionData> };
  if (candidateType !== undefined) answers.candidateType = candidateType;
  return answers;
}

async function check(editionDir: string, answersFile: string, io: CliIo): Promise<number> {
  const edition = await loadEdition(editionDir);
  let raw: string;
  try {
    raw = await readFile(answersFile, "utf8");
  } catch {
    throw new UsageError(`cannot read ${answersFile}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`${answersFile} is not JSON: ${(error as Error).message}`);
  }
  const answers = parseAnswers(parsed);
  const known = new Set([...edition.sections, ...edition.forms].map((form) => form.key));
  const unknown = Object.keys(answers.sections).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new UsageError(`unknown sections in answers: ${unknown.join(", ")}`);
  const sections: Record<string, unknown> = {};
  for (const section of edition.sections) {
    const applies = sectionApplies(edition, section.key, answers);
    sections[section.key] = applies
      ? {
          applies,
          state: sectionState(edition, section.key, answers),
          errors: checkSection(edition, section.key, answers),
        }
      : { applies };
  }
  const blockers = applicationBlockers(edition, answers);
  const report = {
    edition: `${edition.key}@${edition.version}`,
    candidateType: answers.candidateType ?? null,
    canSubmit: blockers.length === 0,
    sections,
    blockers,
  };
  io.out(JSON.stringify(report, null, 2));
  return 0;
}

/** Runs the CLI with arguments (without node and script); returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const resolve = (file: string) => path.resolve(io.cwd, file);
  try {
    if (command === "lint" && rest.length === 1) {
      const messages = await lintEdition(resolve(rest[0] as string));
      for (const message of messages) io.err(formatLintMessage(message));
      io.out(messages.length === 0 ? "edition ok" : `${messages.length} problem(s)`);
      return messages.length === 0 ? 0 : 1;
    }
    if (command === "check" && rest.length === 2)
      return await check(resolve(rest[0] as string), resolve(rest[1] as string), io);
    if (command === "diff" && rest.length === 2) {
      const [a, b] = await Promise.all([
        loadEdition(resolve(rest[0] as string)),
        loadEdition(resolve(rest[1] as string)),
      ]);
      io.out(
        JSON.stringify(
          { from: `${a.key}@${a.version}`, to: `${b.key}@${b.version}`, changes: diffEditions(a, b) },
          null,
          2,
        ),
      );
      return 0;
    }
    throw new UsageError(USAGE);
  } catch (error) {
    if (error instanceof UsageError || error instanceof EditionLoadError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

/** The directory the user ran `npm run forms` from: npm itself runs scripts in forms/. */
function invocationDir(): string {
  // eslint-disable-next-line no-restricted-properties -- a CLI reads where npm was started; not server config
  return process.env.INIT_CWD ?? process.cwd();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const code = await runCli(process.argv.slice(2), {
    cwd: invocationDir(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
  process.exitCode = code;
}
