/**
 * `npm run forms -- …` (FORM-1…4): the edition tools. lint / check / diff / new work on folders only
 * (@shenbao/forms); publish, open, migrate and versions work on the store the server uses, opened with the
 * same configuration and data directory, so what the CLI publishes is what the server serves.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runCli as runFolderCli, parseOptions, USAGE as FOLDER_USAGE } from "@shenbao/forms/cli";
import { openAppServices } from "../appServices.js";
import { draftMigrator, PIN_REASONS } from "../commands/draftMigrator.js";
import { editionOpener } from "../commands/editionOpener.js";
import { editionPublisher } from "../commands/editionPublisher.js";
import { currentOpening } from "../editions/publishedEditions.js";
import { loadEnv, type Env } from "../env.js";
import { DomainError, EditionInvalidError, NoPublishedEditionError } from "../errors.js";
import { createLogger } from "../logger.js";
import { closePorts, createPorts, type Ports } from "../ports/index.js";
import { collectionsOf } from "../store/collections.js";

/** Where the CLI writes and which directory relative paths start from; tests pass collectors. */
export interface FormsCliIo {
  cwd: string;
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `${FOLDER_USAGE}
  npm run forms -- publish <edition dir>                      lint, then publish as an immutable version
  npm run forms -- open <key@version> [--from <time>] [--until <time>]   open it for new applications
  npm run forms -- migrate --to <key@version> [--dry-run]      move unsubmitted drafts to that version
  npm run forms -- versions                                    list stored versions`;

const STORE_COMMANDS = new Set(["publish", "open", "migrate", "versions"]);
const ACTOR = "system:formsCli";

/** Bad input: printed with the usage, exit code 2. */
class CliUsageError extends Error {}

function keyVersion(text: string | true | undefined): { key: string; version: string } {
  const match = typeof text === "string" ? /^([A-Za-z][A-Za-z0-9_-]*)@(\d+\.\d+\.\d+)$/.exec(text) : null;
  if (match === null)
    throw new CliUsageError(`expected <key@version>, e.g. my-edition@2025.1.0; got ${String(text)}`);
  return { key: match[1] as string, version: match[2] as string };
}

function time(text: string | true | undefined, name: string): number | null {
  if (text === undefined) return null;
  const ms = typeof text === "string" ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new CliUsageError(`--${name} needs a time such as 2025-03-01T08:00+08:00`);
  return ms;
}

/** Runs one command and returns the exit code (0 done, 1 refused, 2 bad input). */
export async function runFormsCli(args: string[], io: FormsCliIo, env?: Env): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || !STORE_COMMANDS.has(command)) {
    const code = await runFolderCli(args, io);
    if (code === 2 && (command === undefined || !["lint", "check", "diff", "new"].includes(command)))
      io.err(USAGE);
    return code;
  }
  const { positional, options } = parseOptions(rest);
  const config = env ?? loadEnv();
  // Warnings only: the lines below are the CLI's answer.
  const logger = createLogger(config.LOG_LEVEL === "silent" ? "silent" : "warn");
  let ports: Ports | undefined;
  try {
    ports = await createPorts(config, logger);
    const services = await openAppServices(config, ports);
    const deps = { store: ports.store, clock: services.clock };
    if (command === "publish") {
      if (positional.length !== 1) throw new CliUsageError("publish needs one edition folder");
      const dir = path.resolve(io.cwd, positional[0] as string);
      const { edition, outcome } = await editionPublisher(deps, { dir, actor: ACTOR });
      io.out(
        outcome === "published"
          ? `published ${edition.key}@${edition.version}; open it for applications with: npm run forms -- open ${edition.key}@${edition.version}`
          : `${edition.key}@${edition.version} is already published with the same content`,
      );
      return 0;
    }
    if (command === "open") {
      const { key, version } = keyVersion(positional[0]);
      const opensAt = time(options.from, "from");
      const closesAt = time(options.until, "until");
      await editionOpener(deps, { key, version, opensAt, closesAt, actor: ACTOR });
      io.out(`${key}@${version} is open for new applications`);
      return 0;
    }
    if (command === "migrate") {
      const { key, version } = keyVersion(options.to);
      const dryRun = options["dry-run"] !== undefined;
      const report = await draftMigrator(deps, { key, version, dryRun, actor: ACTOR });
      for (const item of report.applications) {
        const head = `${item.applicationId} ${item.fromVersion} → ${version}`;
        if (item.outcome === "pinned") {
          io.out(`${head}: stays (${PIN_REASONS[item.reason ?? "submitted"]})`);
          continue;
        }
        io.out(`${head}: ${dryRun ? "would move" : "moved"}`);
        for (const section of item.sections)
          for (const note of section.notes)
            io.out(`    ${section.key}.${note.path} ${note.change} (${note.label})`);
      }
      io.out(
        `${dryRun ? "dry run: would move" : "moved"} ${report.migrated}, ${dryRun ? "would keep" : "kept"} ${report.pinned} on their version`,
      );
      return 0;
    }
    // versions
    const { items } = await collectionsOf(ports.store).editions.find({}, { sort: { key: 1, version: 1 } });
    let open: { key: string; version: string } | undefined;
    try {
      open = (await currentOpening(ports.store)).edition;
    } catch (error) {
      if (!(error instanceof NoPublishedEditionError)) throw error;
    }
    for (const doc of items) {
      const mark = open?.key === doc.key && open.version === doc.version ? " (open)" : "";
      const when =
        doc.publishedAt === null
          ? ""
          : ` ${new Date(doc.publishedAt).toISOString()} by ${doc.publishedBy ?? "?"}`;
      io.out(`${doc.key}@${doc.version} ${doc.status}${when}${mark}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(error.message);
      io.err(USAGE);
      return 2;
    }
    if (error instanceof EditionInvalidError) {
      io.err(error.summary);
      for (const problem of (error.details?.problems as string[] | undefined) ?? []) io.err(problem);
      return 1;
    }
    if (error instanceof DomainError) {
      io.err(`${error.message} (${error.id})`);
      return 1;
    }
    throw error;
  } finally {
    if (ports !== undefined) await closePorts(ports);
  }
}

/** The directory the user ran `npm run forms` from: npm runs scripts in the package's folder. */
function invocationDir(): string {
  // eslint-disable-next-line no-restricted-properties -- a CLI reads where npm was started; not server config
  return process.env.INIT_CWD ?? process.cwd();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFormsCli(process.argv.slice(2), {
    cwd: invocationDir(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
