/**
 * The edition tools that need no server: `lint <edition dir>` | `check <edition dir> <answers.json>` |
 * `diff <dir a> <dir b> [--text]` | `new <key> --from <dir> [--version V] [--title T] [--out <dir>]`.
 * lint exits 1 when the edition has problems; check prints section states, errors and blockers as
 * JSON and exits 0 whether or not the application could be submitted; 2 means bad input. The server's
 * `npm run forms` adds publish / migrate / open / versions on top (server/src/cli/formsCli.ts).
 */
import { readdir, readFile } from "node:fs/promises";
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
import { copyEditionFiles, EditionCopyError } from "./copy.js";
import { diffEditions, formatChange } from "./diff.js";
import { editionDir } from "./paths.js";
import { readEditionFiles, writeEditionFiles } from "./source.js";
import { lintEdition } from "./lint.js";
import { EditionLoadError, loadEdition } from "./loader.js";
import { formatLintMessage } from "./messages.js";

/** The usage lines of the commands this CLI runs itself. */
export const USAGE = `usage:
  npm run forms -- lint <edition dir>
  npm run forms -- check <edition dir> <answers.json>
  npm run forms -- diff <edition dir> <edition dir> [--text]
  npm run forms -- new <key> --from <edition dir> [--version <x.y.z>] [--title <title>] [--out <dir>]`;

/** Bad command-line input: printed to stderr, exit code 2. */
export class UsageError extends Error {}

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

/** `--name value` and `--flag` options and the positional arguments among `args`. */
export function parseOptions(args: string[]): {
  positional: string[];
  options: Record<string, string | true>;
} {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith("--") && name !== "text" && name !== "dry-run") {
      options[name] = next;
      i++;
    } else options[name] = true;
  }
  return { positional, options };
}

function onlyOptions(options: Record<string, string | true>, allowed: string[]): boolean {
  return Object.keys(options).every((name) => allowed.includes(name));
}

async function newEdition(
  key: string,
  options: Record<string, string | true>,
  resolve: (file: string) => string,
  io: CliIo,
): Promise<number> {
  const from = resolve(options.from as string);
  const files = await readEditionFiles(from);
  if (files["manifest.json"] === undefined) throw new UsageError(`${from} has no manifest.json`);
  let copied;
  try {
    copied = copyEditionFiles(files, {
      key,
      ...(typeof options.version === "string" ? { version: options.version } : {}),
      ...(typeof options.title === "string" ? { title: options.title } : {}),
    });
  } catch (error) {
    if (error instanceof EditionCopyError) throw new UsageError(error.message);
    throw error;
  }
  const out = typeof options.out === "string" ? resolve(options.out) : editionDir(key);
  if ((await readdir(out).catch(() => [])).length > 0)
    throw new UsageError(`${out} is not empty; name another folder with --out <dir>`);
  await writeEditionFiles(out, copied);
  const manifest = JSON.parse(copied["manifest.json"] as string) as {
    key: string;
    version: string;
    title: string;
  };
  io.out(`created ${manifest.key}@${manifest.version} (${manifest.title}) in ${out}`);
  io.out(`next: edit it, then npm run forms -- lint ${out}`);
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
    const { positional, options } = parseOptions(rest);
    if (command === "diff" && positional.length === 2 && onlyOptions(options, ["text"])) {
      const [a, b] = await Promise.all([
        loadEdition(resolve(positional[0] as string)),
        loadEdition(resolve(positional[1] as string)),
      ]);
      const changes = diffEditions(a, b);
      if (options.text !== undefined) {
        io.out(`${a.key}@${a.version} → ${b.key}@${b.version}: ${changes.length} change(s)`);
        for (const change of changes) io.out(formatChange(change));
      } else {
        io.out(
          JSON.stringify({ from: `${a.key}@${a.version}`, to: `${b.key}@${b.version}`, changes }, null, 2),
        );
      }
      return 0;
    }
    if (command === "new" && positional.length === 1 && typeof options.from === "string") {
      if (!onlyOptions(options, ["from", "version", "title", "out"])) throw new UsageError(USAGE);
      return await newEdition(positional[0] as string, options, resolve, io);
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
