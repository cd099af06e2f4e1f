/**
 * Harness for linter and CLI tests: a throw-away copy of the hubei-2024 edition to break on purpose.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { editionDir } from "../src/paths.js";

/** The stored hubei-2024 edition directory. */
export const HUBEI_2024 = editionDir("hubei-2024");

/** A copy of hubei-2024 in a temp dir, with helpers to edit its JSON files and remove it. */
export async function copyEdition(): Promise<{
  dir: string;
  edit: (file: string, change: (json: unknown) => unknown) => Promise<void>;
  remove: () => Promise<void>;
}> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "shenbao-edition-")), "hubei-2024");
  await cp(HUBEI_2024, dir, { recursive: true });
  return {
    dir,
    edit: async (file, change) => {
      const target = path.join(dir, file);
      const json = JSON.parse(await readFile(target, "utf8")) as unknown;
      await writeFile(target, JSON.stringify(change(json), null, 2));
    },
    remove: () => rm(path.dirname(dir), { recursive: true, force: true }),
  };
}
