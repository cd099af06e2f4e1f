/**
 * Loading an edition for use (server, CLI): the typed edition, or an error listing what is broken.
 */
import type { Edition } from "@shenbao/rules";
import { formatLintMessage, type LintMessage } from "./messages.js";
import { readEdition } from "./read.js";

/** Thrown when an edition directory cannot be read as an edition; `problems` say where. */
export class EditionLoadError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: LintMessage[],
  ) {
    super(`cannot load edition ${dir}:\n${problems.map(formatLintMessage).join("\n")}`);
    this.name = "EditionLoadError";
  }
}

/** Reads manifest, sections, extra forms, catalogs and examples of an edition directory. */
export async function loadEdition(dir: string): Promise<Edition> {
  const { edition, problems } = await readEdition(dir);
  if (edition === undefined || problems.length > 0) throw new EditionLoadError(dir, problems);
  return edition;
}
