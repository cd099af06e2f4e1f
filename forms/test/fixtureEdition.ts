/**
 * The test fixture of issue 8: hubei-2024@2024.2.0, built from the shipped hubei-2024 by the JSON Patch in
 * fixtures/hubei-2024.2.0.patch.json — a renamed label, a new optional field shown by a rule, a removed
 * option and a changed date rule — so it proves a new version needs no TypeScript at all.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { readEditionFiles, type EditionFiles } from "../src/source.js";
import { editionDir } from "../src/paths.js";

/** The patch: per file the RFC 6902 operations, or null to delete the file. */
export interface EditionPatch {
  files: Record<string, Operation[] | null>;
}

/** The fixture's patch as stored. */
export const FIXTURE_PATCH = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "fixtures", "hubei-2024.2.0.patch.json"), "utf8"),
) as EditionPatch;

/** `files` with `patch` applied; a failing `test` operation or a missing path throws. */
export function patchEditionFiles(files: EditionFiles, patch: EditionPatch): EditionFiles {
  const result: EditionFiles = { ...files };
  for (const [file, operations] of Object.entries(patch.files)) {
    if (operations === null) {
      if (!(file in result)) throw new Error(`patch deletes ${file}, which does not exist`);
      delete result[file];
      continue;
    }
    const text = result[file];
    if (text === undefined) throw new Error(`patch edits ${file}, which does not exist`);
    const document = JSON.parse(text) as unknown;
    const patched = fastJsonPatch.applyPatch(document, operations, true, false).newDocument;
    result[file] = `${JSON.stringify(patched, null, 2)}\n`;
  }
  return result;
}

/** The files of hubei-2024@2024.2.0. */
export async function fixtureEditionFiles(): Promise<EditionFiles> {
  return patchEditionFiles(await readEditionFiles(editionDir("hubei-2024")), FIXTURE_PATCH);
}
