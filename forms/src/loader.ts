/**
 * Loading an edition for use (server, CLI): the typed edition, or an error listing what is broken.
 */
import type { Edition } from "@shenbao/rules";
import { formatLintMessage, type LintMessage } from "./messages.js";
import { readEdition } from "./read.js";
import type { EditionSource } from "./source.js";

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

/** Reads manifest, sections, extra forms, catalogs and examples of an edition directory (or source). */
export async function loadEdition(from: string | EditionSource): Promise<Edition> {
  const { edition, problems } = await readEdition(from);
  if (edition === undefined || problems.length > 0)
    throw new EditionLoadError(typeof from === "string" ? from : "(uploaded files)", problems);
  return edition;
}
